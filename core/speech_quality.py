"""Which transcription engines are good enough to burn their words into a video.

Offline engines carry the word error rate measured on the reference clips (docs/speech.md,
``python -m bench.speech``). Transcription servers (OpenAI, or a self-hosted OpenAI-compatible
server) run models far larger than anything bundled; the operator chose them, so they count as
reliable. Captions from an unreliable engine are not burned unless the user insists; its words
still place clip edges, where a misheard word costs nothing."""

from __future__ import annotations

RELIABLE_WER = 0.15
MEASURED_WER = {"whisper-tiny.en": 0.30, "whisper-base": 0.533, "pocketsphinx": 0.95}
SERVER_ENGINES = ("openai", "openai-compatible")


def is_reliable(engine: str | None) -> bool:
    if engine in SERVER_ENGINES:
        return True
    return engine is not None and MEASURED_WER.get(engine, 1.0) <= RELIABLE_WER


def why_unreliable(engine: str | None) -> str:
    """A sentence for the user: why captions are off and what to configure."""
    if engine is None:
        return "There is no transcript to caption."
    wer = MEASURED_WER.get(engine)
    measured = f" misses about {wer:.0%} of words on real dialogue" if wer is not None else ""
    return (
        f"Captions are off: the offline speech engine ({engine}){measured}, too many to burn "
        "into a video. Set STAKAZO_OPENAI_API_KEY, or STAKAZO_TRANSCRIPTION_BASE_URL to an "
        "OpenAI-compatible transcription server (docs/speech.md), or ask for captions anyway."
    )
