"""Transcription by a server that speaks OpenAI's API: OpenAI itself (whisper-1, word
timestamps) when a key is configured, or any OpenAI-compatible server by base URL (a self-hosted
faster-whisper server, docs/speech.md).

Audio goes up as 16 kHz mono MP3 in pieces of at most ten minutes (OpenAI takes 25 MB per
request); word times are shifted back by each piece's offset. A server that answers with
segments only gets its text aligned to the audio here (workers/media/forced_align.py).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import structlog

from core.errors import PermanentError, RetryableError
from core.retry import backoff_seconds
from workers.media.forced_align import Segment, align_segments
from workers.media.probe import _input_args
from workers.media.runner import CancelSignal, run_ffmpeg
from workers.media.speech import SpokenWord, Transcript

log = structlog.get_logger(__name__)
PIECE_SECONDS = 600
MAX_ATTEMPTS = 4
BACKOFF_CAP_SECONDS = 30.0
TIMEOUT = httpx.Timeout(connect=10.0, read=300.0, write=120.0, pool=10.0)


def _piece(path: Path, start: float, ffmpeg_path: str | None, cancel: CancelSignal | None) -> bytes:
    return run_ffmpeg(
        [
            "-ss",
            f"{start:.3f}",
            *_input_args(path),
            "-t",
            str(PIECE_SECONDS),
            "-vn",
            "-ac",
            "1",
            "-ar",
            "16000",
            "-b:a",
            "48k",
            "-f",
            "mp3",
            "-",
        ],
        timeout=600,
        ffmpeg_path=ffmpeg_path,
        cancel=cancel,
    ).stdout


def _post(client: httpx.Client, audio: bytes, model: str, server: str) -> dict[str, Any]:
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            response = client.post(
                "/audio/transcriptions",
                files={"file": ("audio.mp3", audio, "audio/mpeg")},
                data={
                    "model": model,
                    "response_format": "verbose_json",
                    # Both granularities: a server that cannot time words still sends segments.
                    "timestamp_granularities[]": ["word", "segment"],
                },
            )
        except httpx.TransportError as error:
            if attempt == MAX_ATTEMPTS:
                raise RetryableError(
                    f"{server} could not be reached: {type(error).__name__}"
                ) from error
            time.sleep(backoff_seconds(attempt, base=1.0, cap=BACKOFF_CAP_SECONDS))
            continue
        if response.status_code == 429 or response.status_code >= 500:
            wait = float(response.headers.get("retry-after", 0) or 0)
            if attempt == MAX_ATTEMPTS:
                raise RetryableError(
                    f"{server} is busy (HTTP {response.status_code})",
                    retry_after_seconds=wait or None,
                )
            time.sleep(
                backoff_seconds(attempt, base=1.0, cap=BACKOFF_CAP_SECONDS, retry_after=wait)
            )
            continue
        if response.status_code >= 400:
            try:
                message = response.json()["error"]["message"]
            except (ValueError, KeyError, TypeError):
                message = response.text[:200]
            raise PermanentError(f"{server} refused the transcription: {message}")
        try:
            body = response.json()
        except ValueError as error:
            raise PermanentError(f"{server} answered with something other than JSON") from error
        if not isinstance(body, dict):
            raise PermanentError(f"{server} answered with an unexpected transcription")
        return body
    raise RetryableError(f"{server} transcription failed")


def _timed_words(body: dict[str, Any], offset: float) -> list[SpokenWord] | None:
    """The answer's own word times, or None when it has none (segments only)."""
    items = body.get("words")
    if not items:
        return None
    words = []
    for item in items:
        text = str(item.get("word", "")).strip()
        if text:
            start, end = float(item["start"]), float(item["end"])
            words.append(SpokenWord(text, round(offset + start, 2), round(offset + end, 2)))
    return words


def _segments(body: dict[str, Any], offset: float, length: float) -> list[Segment]:
    items = body.get("segments")
    if not items:  # text only: one segment over the whole piece
        text = str(body.get("text", "")).strip()
        return [Segment(text, offset, offset + length)] if text else []
    return [
        Segment(str(item.get("text", "")).strip(), offset + float(item["start"]),
                offset + float(item["end"]))
        for item in items
        if str(item.get("text", "")).strip()
    ]  # fmt: skip


def transcribe_with_server(
    path: Path,
    *,
    engine: str,
    base_url: str,
    api_key: str | None,
    model: str,
    duration: float,
    ffmpeg_path: str | None,
    cancel: CancelSignal | None,
) -> Transcript:
    """``engine`` names the server in the transcript and in messages ("openai" or
    "openai-compatible")."""
    server = "OpenAI" if engine == "openai" else f"The transcription server at {base_url}"
    words: list[SpokenWord] = []
    segments: list[Segment] = []
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    with httpx.Client(base_url=base_url, headers=headers, timeout=TIMEOUT) as client:
        offset = 0.0
        while offset < max(duration, 0.1):
            body = _post(client, _piece(path, offset, ffmpeg_path, cancel), model, server)
            timed = _timed_words(body, offset)
            if timed is None:
                length = min(PIECE_SECONDS, max(duration - offset, 0.1))
                segments += _segments(body, offset, length)
            else:
                words += timed
            offset += PIECE_SECONDS
    if segments:
        words = sorted(
            words + align_segments(path, segments, ffmpeg_path=ffmpeg_path, cancel=cancel),
            key=lambda word: word.start,
        )
    log.info("media.speech.done", engine=engine, words=len(words), aligned=bool(segments))
    return Transcript(engine, words)
