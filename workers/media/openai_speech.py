"""OpenAI transcription (whisper-1, word timestamps) for when an API key is configured.

Audio goes up as 16 kHz mono MP3 in pieces of at most ten minutes (the API takes 25 MB per
request); word times are shifted back by each piece's offset.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import httpx
import structlog

from core.errors import PermanentError, RetryableError
from core.retry import backoff_seconds
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


def _post(client: httpx.Client, audio: bytes) -> dict[str, Any]:
    for attempt in range(1, MAX_ATTEMPTS + 1):
        try:
            response = client.post(
                "/audio/transcriptions",
                files={"file": ("audio.mp3", audio, "audio/mpeg")},
                data={
                    "model": "whisper-1",
                    "response_format": "verbose_json",
                    "timestamp_granularities[]": "word",
                },
            )
        except httpx.TransportError as error:
            if attempt == MAX_ATTEMPTS:
                raise RetryableError(
                    f"OpenAI could not be reached: {type(error).__name__}"
                ) from error
            time.sleep(backoff_seconds(attempt, base=1.0, cap=BACKOFF_CAP_SECONDS))
            continue
        if response.status_code == 429 or response.status_code >= 500:
            wait = float(response.headers.get("retry-after", 0) or 0)
            if attempt == MAX_ATTEMPTS:
                raise RetryableError(
                    f"OpenAI is busy (HTTP {response.status_code})",
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
            raise PermanentError(f"OpenAI refused the transcription: {message}")
        body: dict[str, Any] = response.json()
        return body
    raise RetryableError("OpenAI transcription failed")


def transcribe_with_openai(
    path: Path,
    *,
    api_key: str,
    base_url: str,
    duration: float,
    ffmpeg_path: str | None,
    cancel: CancelSignal | None,
) -> Transcript:
    words: list[SpokenWord] = []
    headers = {"Authorization": f"Bearer {api_key}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=TIMEOUT) as client:
        offset = 0.0
        while offset < max(duration, 0.1):
            body = _post(client, _piece(path, offset, ffmpeg_path, cancel))
            for item in body.get("words") or []:
                words.append(
                    SpokenWord(
                        str(item["word"]).strip(),
                        round(offset + float(item["start"]), 2),
                        round(offset + float(item["end"]), 2),
                    )
                )
            offset += PIECE_SECONDS
    log.info("media.speech.done", engine="openai", words=len(words))
    return Transcript("openai", words)
