"""Caption events, their ASS script, presets and brand, and forced alignment of segment-only
transcripts: the pure parts of captioning, without rendering."""

from __future__ import annotations

import itertools
import re

import pytest

from core.caption_presets import PRESETS, InvalidCaptionStyle, check_brand, resolve
from core.speech_quality import is_reliable, why_unreliable
from workers.media._captions import anchor, write_ass
from workers.media.caption_layout import build_events, sentence_case
from workers.media.forced_align import Segment, align_pcm
from workers.media.speech import installed_offline_engines, pcm_audio, recognise_pcm
from workers.media.timeline import Word

SAFE = {"top": 0.12, "bottom": 0.28, "left": 0.06, "right": 0.16}


def _words(text: str, start: float = 0.0, step: float = 0.3) -> list[Word]:
    return [Word(w, start + n * step, start + n * step + 0.25) for n, w in enumerate(text.split())]


def test_phrases_are_shared_evenly_so_no_word_is_left_alone():
    words = _words("one two three four five six seven.")
    events = build_events(words, 0, 10, PRESETS["word-highlight"])  # 3 words a line
    assert [len(e.words) for e in events] == [3, 2, 2]
    assert [e.text for e in events] == ["One two three", "four five", "six seven."]


def test_events_break_at_sentences_and_pauses_and_are_timed_by_their_words():
    words = [*_words("Yes. he's here", 0.0), *_words("after a pause", 2.0)]
    events = build_events(words, 0, 10, PRESETS["lower-third"])
    assert [e.text for e in events] == ["Yes.", "He's here", "after a pause"]
    for event in events:
        assert event.start == event.words[0].start
        # held at most 0.15 s past the last word, to the next event
        assert 0 <= event.end - event.words[-1].end <= 0.15


def test_a_transcript_without_punctuation_gets_sentence_case_and_full_stops():
    words = [*_words("i think so", 0.0), *_words("you do too", 3.0)]
    assert [w.text for w in sentence_case(words)] == [
        "I", "think", "so.", "You", "do", "too.",
    ]  # fmt: skip
    punctuated = sentence_case(_words("well, i'm in"))
    assert [w.text for w in punctuated] == ["Well,", "I'm", "in"]


def test_rows_fit_the_safe_area_and_bold_preset_is_uppercase():
    words = _words("extraordinary circumstances happen!")
    [event] = build_events(words, 0, 10, PRESETS["bold-centred"], max_chars=16)
    assert event.text == "EXTRAORDINARY\nCIRCUMSTANCES HAPPEN!"


def test_only_words_inside_the_clip_are_captioned():
    words = _words("before, inside, after", 0.0, 1.0)
    events = build_events(words, 0.9, 1.5, PRESETS["lower-third"])
    assert [e.text for e in events] == ["Inside,"]


def _dialogues(path) -> list[tuple[str, str, str]]:
    lines = [line for line in path.read_text().splitlines() if line.startswith("Dialogue:")]
    return [tuple(line.split(",", 9)[i] for i in (1, 2, 9)) for line in lines]


def test_word_highlight_colours_each_word_while_it_is_spoken(tmp_path):
    style = PRESETS["word-highlight"]
    events = build_events(_words("how are you?"), 0, 5, style)
    write_ass(tmp_path / "c.ass", events, 1080, 1920, SAFE, style)
    dialogues = _dialogues(tmp_path / "c.ass")
    assert [(a, b) for a, b, _ in dialogues] == [
        ("0:00:00.00", "0:00:00.30"), ("0:00:00.30", "0:00:00.60"), ("0:00:00.60", "0:00:00.85"),
    ]  # fmt: skip
    yellow = "{\\c&H00D4FF&}"  # #FFD400 in ASS's blue-green-red order
    assert [text.split("}", 1)[1] for _, _, text in dialogues] == [
        f"{yellow}how{{\\c&HFFFFFF&}} are you?".replace("how", "How"),
        f"How {yellow}are{{\\c&HFFFFFF&}} you?",
        f"How are {yellow}you?{{\\c&HFFFFFF&}}",
    ]


def test_karaoke_fills_each_word_over_its_own_duration(tmp_path):
    style = PRESETS["karaoke"]
    words = [Word("Tell", 1.0, 1.2), Word("me!", 1.5, 1.7)]
    write_ass(tmp_path / "c.ass", build_events(words, 0, 5, style), 1080, 1920, SAFE, style)
    [(start, end, text)] = _dialogues(tmp_path / "c.ass")
    assert (start, end) == ("0:00:01.00", "0:00:01.70")
    assert re.sub(r"\{\\an\d\\pos\(\d+,\d+\)\}", "", text) == "{\\kf20}Tell {\\k30}{\\kf20}me!"
    script = (tmp_path / "c.ass").read_text()
    # the filled part takes the highlight colour (primary), the rest is white (secondary)
    assert ",&H00EED322,&H00FFFFFF," in script


@pytest.mark.parametrize("name", list(PRESETS))
@pytest.mark.parametrize(
    "safe",
    [
        {"top": 0.14, "bottom": 0.30, "left": 0.06, "right": 0.12},  # instagram
        {"top": 0.12, "bottom": 0.28, "left": 0.06, "right": 0.16},  # tiktok
        {"top": 0.10, "bottom": 0.25, "left": 0.06, "right": 0.12},  # youtube
    ],
)
def test_every_preset_sits_inside_every_platforms_safe_area(name, safe):
    style = PRESETS[name]
    align, x, y = anchor(style, 1080, 1920, safe)
    block = style.size * 1920 * style.max_lines * 1.25
    top = y - block if align == 2 else y - block / 2
    bottom = y if align == 2 else y + block / 2
    assert safe["top"] * 1920 <= top
    assert bottom <= (1 - safe["bottom"]) * 1920
    assert x == round((safe["left"] + (1 - safe["left"] - safe["right"]) / 2) * 1080)


def test_brand_preset_overrides_its_base_and_refuses_what_no_renderer_can_use():
    brand = check_brand({"base": "karaoke", "colour": "#ff00aa", "font": "Liberation Sans"})
    style = resolve("brand", brand)
    assert (style.name, style.animation, style.colour, style.font) == (
        "brand", "karaoke", "#FF00AA", "Liberation Sans",
    )  # fmt: skip
    assert resolve(None, brand).name == "brand"
    assert resolve(None, None).name == "bold-centred"
    for bad, message in (
        ({"base": "comic"}, "base must be one of"),
        ({"colour": "red"}, "colour cannot be 'red'"),
        ({"size": 0.5}, "size cannot be 0.5"),
        ({"font": "Papyrus"}, "font cannot be 'Papyrus'"),
        ({"blink": True}, "'blink' is not a caption style setting"),
    ):
        with pytest.raises(InvalidCaptionStyle, match=message):
            check_brand(bad)
    with pytest.raises(InvalidCaptionStyle, match="unknown caption preset"):
        resolve("comic")


def test_only_engines_that_measure_well_are_trusted_with_captions():
    assert is_reliable("openai")
    assert is_reliable("openai-compatible")
    assert not is_reliable("whisper-tiny.en")
    assert not is_reliable("pocketsphinx")
    assert not is_reliable(None)
    assert "misses about 30% of words" in why_unreliable("whisper-tiny.en")


GRID_TRUTH = [
    ("Set", 0.49, 0.77), ("white", 0.77, 1.09), ("with", 1.09, 1.22), ("P", 1.22, 1.44),
    ("two", 1.44, 1.73), ("soon.", 1.73, 2.21),
]  # fmt: skip


def test_segment_text_is_aligned_to_the_voice(shared_media):
    """A server that answers with one segment for the GRID sentence: its words get times from
    the bundled recogniser where it heard them, and the voice between."""
    pcm = pcm_audio(shared_media / "grid_swwp2s_talking_head.mpg", ffmpeg_path=None, timeout=60,
                    cancel=None)  # fmt: skip
    [engine, *_] = installed_offline_engines()
    anchors = recognise_pcm(pcm, engine, deadline=float("inf"), cancel=None)
    words = align_pcm(pcm, [Segment("Set white with P two soon.", 0.0, 3.0)], anchors=anchors)
    assert [w.text for w in words] == [t for t, _, _ in GRID_TRUTH]
    errors = [
        abs(w.start - a) + abs(w.end - b) for w, (_, a, b) in zip(words, GRID_TRUTH, strict=True)
    ]
    assert max(errors) / 2 <= 0.25
    assert sum(errors) / (2 * len(errors)) <= 0.12
    assert all(a.end <= b.start + 1e-9 for a, b in itertools.pairwise(words))


def test_without_a_recogniser_words_share_the_voiced_frames_of_their_segment(shared_media):
    pcm = pcm_audio(shared_media / "grid_swwp2s_talking_head.mpg", ffmpeg_path=None, timeout=60,
                    cancel=None)  # fmt: skip
    words = align_pcm(pcm, [Segment("Set white with P two soon.", 0.0, 3.0)], anchors=[])
    # Nothing lands on the silence before and after the sentence.
    assert words[0].start >= 0.4
    assert words[-1].end <= 2.8
    assert [w.text for w in words] == [t for t, _, _ in GRID_TRUTH]
