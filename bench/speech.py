"""Offline speech engines on the reference clips with known words: word error rate, word-timing
error and speed, side by side in one run.

    python -m bench.speech [--speed-seconds 120]

WER is the standard one: word-level Levenshtein distance (substitutions + deletions + insertions)
over the reference's word count, after both sides are normalised the same way (lowercase, no
punctuation, common contractions expanded, digits spelled out, so "P2" reads as "p two" like the
GRID reference). Timing error is the mean absolute start and end error of the recognised words that
match a reference word with known times (the GRID clip). Speed is seconds of audio per second of
CPU time (one thread: what the worker gives recognition; wall time is shown too, but carries the
load of whatever else runs), on the reference clips' audio repeated to --speed-seconds.
Results go to bench/results/speech.json; docs/speech.md reads them.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
FIXTURES = ROOT.parent / "tests" / "fixtures" / "media"
RESULTS = ROOT / "results" / "speech.json"
ONE_CORE_TARGET = 2.0  # x realtime: keeps up beside the renders on a 10-minute source

FRIDAY = (
    "Hildy! How are you? Tell me, is the lord of the universe in? Yes, he's in - in a bad humor. "
    "Somebody must've stolen the crown jewels"
)
GRID_TIMES = [
    ("set", 0.49, 0.77),
    ("white", 0.77, 1.09),
    ("with", 1.09, 1.22),
    ("p", 1.22, 1.44),
    ("two", 1.44, 1.73),
    ("soon", 1.73, 2.21),
]


@dataclass(frozen=True)
class Reference:
    clip: str
    text: str
    times: list[tuple[str, float, float]] | None = None


REFERENCES = [
    Reference("his_girl_friday_dialogue.mp4", FRIDAY),
    Reference("portrait_rot-90_from_friday.mp4", FRIDAY),
    Reference("grid_swwp2s_talking_head.mpg", " ".join(w for w, _, _ in GRID_TIMES), GRID_TIMES),
]

_CONTRACTIONS = [
    ("n't", " not"),
    ("'ve", " have"),
    ("'re", " are"),
    ("'ll", " will"),
    ("'m", " am"),
]
_DIGITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def normalise(text: str) -> list[str]:
    """Lowercase words without punctuation; "he's" stays (is or has: ambiguous)."""
    text = text.lower().replace("\u2019", "'")
    for short, long in _CONTRACTIONS:
        text = text.replace(short, long)
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text)
    text = re.sub(r"\d", lambda digit: f" {_DIGITS[int(digit.group())]} ", text)
    text = re.sub(r"[^a-z' ]+", " ", text)
    return [word.strip("'") for word in text.split() if word.strip("'")]


def alignment(reference: list[str], hypothesis: list[str]) -> list[tuple[int | None, int | None]]:
    """Levenshtein alignment as (reference index, hypothesis index) pairs; None marks an insertion
    or a deletion. Substitutions and matches pair two indexes."""
    rows, cols = len(reference) + 1, len(hypothesis) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            change = 0 if reference[i - 1] == hypothesis[j - 1] else 1
            cost[i][j] = min(cost[i - 1][j] + 1, cost[i][j - 1] + 1, cost[i - 1][j - 1] + change)
    pairs: list[tuple[int | None, int | None]] = []
    i, j = rows - 1, cols - 1
    while i or j:
        change = 1 if i and j and reference[i - 1] != hypothesis[j - 1] else 0
        if i and j and cost[i][j] == cost[i - 1][j - 1] + change:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 1:
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    return pairs[::-1]


def word_errors(reference: str, hypothesis: str) -> tuple[int, int]:
    """(substitutions + deletions + insertions, reference word count)."""
    ref, hyp = normalise(reference), normalise(hypothesis)
    pairs = alignment(ref, hyp)
    errors = sum(1 for r, h in pairs if r is None or h is None or ref[r] != hyp[h])
    return errors, len(ref)


def word_error_rate(reference: str, hypothesis: str) -> float:
    errors, count = word_errors(reference, hypothesis)
    return errors / count if count else float(errors > 0)


def timing_errors(
    known: list[tuple[str, float, float]], words: list[tuple[str, float, float]]
) -> list[float]:
    """Absolute start and end errors of recognised words matching a known word. A recognised word
    that normalises to several ("P2" -> "p two") gives its start to the first and its end to the
    last."""
    tokens: list[tuple[str, float | None, float | None]] = []
    for text, start, end in words:
        parts = normalise(text)
        for index, part in enumerate(parts):
            tokens.append(
                (part, start if index == 0 else None, end if index == len(parts) - 1 else None)
            )
    errors = []
    for r, h in alignment([w for w, _, _ in known], [t for t, _, _ in tokens]):
        if r is None or h is None or known[r][0] != tokens[h][0]:
            continue
        _, known_start, known_end = known[r]
        _, heard_start, heard_end = tokens[h]
        if heard_start is not None:
            errors.append(abs(heard_start - known_start))
        if heard_end is not None:
            errors.append(abs(heard_end - known_end))
    return errors


def _pcm(clip: str) -> bytes:
    from workers.media.speech import pcm_audio

    return pcm_audio(FIXTURES / clip, ffmpeg_path=None, timeout=120, cancel=None)


def measure(engine: str, pcms: dict[str, bytes], speed_seconds: float) -> dict[str, Any]:
    from workers.media import whisper_speech
    from workers.media.speech import SAMPLE_RATE, recognise_pcm

    def recognise(pcm: bytes, **options: Any) -> list[tuple[str, float, float]]:
        if options:
            words = whisper_speech.transcribe_pcm(pcm, engine=engine, **options)
        else:
            words = recognise_pcm(pcm, engine, deadline=time.monotonic() + 3600, cancel=None)
        return [(w.text, w.start, w.end) for w in words]

    started = time.perf_counter()
    recognise(pcms[REFERENCES[-1].clip])  # loads the model once, outside the timed runs
    load_seconds = time.perf_counter() - started
    clips, total_errors, total_words, timing = [], 0, 0, []
    for reference in REFERENCES:
        words = recognise(pcms[reference.clip])
        heard = " ".join(text for text, _, _ in words)
        errors, count = word_errors(reference.text, heard)
        total_errors += errors
        total_words += count
        entry: dict[str, Any] = {
            "clip": reference.clip,
            "heard": heard,
            "wer": round(errors / count, 3),
        }
        if reference.times:
            timing = timing_errors(reference.times, words)
            entry["words"] = words
            entry["timing_error_s"] = round(sum(timing) / len(timing), 3) if timing else None
            if engine != "pocketsphinx":
                raw = recognise(
                    pcms[reference.clip],
                    deadline=time.monotonic() + 3600,
                    cancel=None,
                    tighten=False,
                )
                untightened = timing_errors(reference.times, raw)
                entry["timing_error_untightened_s"] = (
                    round(sum(untightened) / len(untightened), 3) if untightened else None
                )
        clips.append(entry)
    joined = b"".join(pcms[r.clip] + bytes(SAMPLE_RATE) for r in REFERENCES)
    long_pcm = joined * max(1, round(speed_seconds * 2 * SAMPLE_RATE / len(joined)))
    started, cpu_started = time.perf_counter(), time.process_time()
    recognise(long_pcm)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    audio_seconds = len(long_pcm) / (2 * SAMPLE_RATE)
    return {
        "engine": engine,
        "wer": round(total_errors / total_words, 3),
        "timing_error_s": round(sum(timing) / len(timing), 3) if timing else None,
        # CPU seconds are what one quiet core would take; wall seconds carry the others' load.
        "x_realtime_one_core": round(audio_seconds / cpu, 2),
        "x_realtime_wall": round(audio_seconds / wall, 2),
        "speed_audio_seconds": round(audio_seconds, 1),
        "model_load_s": round(load_seconds, 2),
        "clips": clips,
    }


def measure_alignment(pcms: dict[str, bytes], engines: list[str]) -> list[dict[str, Any]]:
    """Word times for a transcript that came as text only (a server answering with segments):
    the known sentence as one segment over the whole GRID clip, aligned to the audio with each
    engine's words as anchors, and with none (the voice alone)."""
    from workers.media.forced_align import Segment, align_pcm
    from workers.media.speech import recognise_pcm

    pcm = pcms["grid_swwp2s_talking_head.mpg"]
    segment = Segment(" ".join(w for w, _, _ in GRID_TIMES), 0.0, len(pcm) / (2 * 16_000))
    rows = []
    for engine in [*engines, None]:
        anchors = (
            []
            if engine is None
            else recognise_pcm(pcm, engine, deadline=time.monotonic() + 600, cancel=None)
        )
        words = align_pcm(pcm, [segment], anchors=anchors)
        errors = timing_errors(GRID_TIMES, [(w.text, w.start, w.end) for w in words])
        rows.append(
            {
                "anchors": engine or "none (voice only)",
                "timing_error_s": round(sum(errors) / len(errors), 3),
                "worst_s": round(max(errors), 3),
            }
        )
    return rows


def table(results: list[dict[str, Any]]) -> str:
    lines = [
        f"{'engine':<18}{'WER':>7}{'timing err':>12}{'x realtime (1 core)':>22}{'(wall)':>8}"
        f"{'target':>9}{'met':>6}",
    ]
    for result in results:
        timing = result["timing_error_s"]
        speed = result["x_realtime_one_core"]
        lines.append(
            f"{result['engine']:<18}{result['wer']:>7.1%}"
            f"{'-' if timing is None else f'{timing:.3f} s':>12}{speed:>22.2f}"
            f"{result['x_realtime_wall']:>8.2f}"
            f"{f'>= {ONE_CORE_TARGET:g}':>9}{'yes' if speed >= ONE_CORE_TARGET else 'no':>6}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from workers.media.speech import installed_offline_engines

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--speed-seconds", type=float, default=120.0)
    parser.add_argument("--engine", action="append", help="only these engines (default: all)")
    args = parser.parse_args(argv)
    engines = args.engine or installed_offline_engines()
    pcms = {reference.clip: _pcm(reference.clip) for reference in REFERENCES}
    results = []
    for engine in engines:
        print(f"measuring {engine}...", file=sys.stderr, flush=True)
        results.append(measure(engine, pcms, args.speed_seconds))
    print(table(results))
    alignment_rows = measure_alignment(pcms, engines)
    print("\nforced alignment of segment text (GRID):")
    for row in alignment_rows:
        print(f"  anchors {row['anchors']:<22} mean {row['timing_error_s']:.3f} s, "
              f"worst {row['worst_s']:.3f} s")  # fmt: skip
    if args.engine:
        return 0  # a partial run never overwrites the full results
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    RESULTS.write_text(
        json.dumps(
            {
                "machine": {
                    "cores": os.cpu_count(),
                    "load_1m_5m_15m": [round(value, 2) for value in load],
                },
                "engines": results,
                "alignment": alignment_rows,
            },
            indent=2,
        )
        + "\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
