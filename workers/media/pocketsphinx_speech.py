"""PocketSphinx (its wheel carries a US English model): fast and well timed, but it mishears most
conversational speech (docs/speech.md); kept as the engine of last resort."""

from __future__ import annotations

import importlib.util

from workers.media.speech import SpokenWord

_NOT_WORDS = {"<s>", "</s>", "<sil>", "[NOISE]", "[SPEECH]", "[BREATH]", "[COUGH]", "[UM]", "[UH]"}


def installed() -> bool:
    return importlib.util.find_spec("pocketsphinx") is not None


def transcribe_pcm(pcm: bytes) -> list[SpokenWord]:
    from pocketsphinx import Decoder, Endpointer, set_loglevel

    set_loglevel("FATAL")  # its search warnings go straight to stderr, once per frame

    endpointer = Endpointer()
    # The second and third search passes (fwdflat, bestpath) cost 40% of the time for little
    # gain on conversational audio; the first pass already gives word times.
    decoder = Decoder(samprate=endpointer.sample_rate, fwdflat=False, bestpath=False)
    words: list[SpokenWord] = []
    frame_bytes = endpointer.frame_bytes

    def finish(offset: float) -> None:
        decoder.end_utt()
        for segment in decoder.seg():
            text = segment.word.split("(")[0]
            if text and text not in _NOT_WORDS:
                words.append(
                    SpokenWord(
                        text,
                        round(offset + segment.start_frame / 100, 2),
                        round(offset + (segment.end_frame + 1) / 100, 2),
                        round(float(segment.prob), 3),
                    )
                )

    utterance_start: float | None = None
    for index in range(0, len(pcm), frame_bytes):
        frame = pcm[index : index + frame_bytes]
        was_speaking = endpointer.in_speech
        speech = (
            endpointer.process(frame) if len(frame) == frame_bytes else endpointer.end_stream(frame)
        )
        if speech is None:
            continue
        if not was_speaking:
            utterance_start = endpointer.speech_start
            decoder.start_utt()
        decoder.process_raw(speech)
        if not endpointer.in_speech and utterance_start is not None:
            finish(utterance_start)
            utterance_start = None
    if utterance_start is not None:
        finish(utterance_start)
    return words
