from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from backend.models import VariantState
from core.caption_presets import PRESET_NAMES

Platform = Literal["instagram", "tiktok", "youtube"]
ClipStatus = Literal["candidate", "approved", "rejected"]
# Instagram's limit, the tightest of the three platforms.
CAPTION_MAX_CHARS = 2200
ClipSort = Literal["score", "-score", "start", "-start", "created_at", "-created_at"]

# [start, end] on the source timeline. A list rather than a tuple: generated clients type a
# tuple as a fixed pair in one place and a plain list in another, and the two do not mix.
Span = Annotated[list[float], Field(min_length=2, max_length=2)]


class VariantOut(BaseModel):
    id: uuid.UUID
    clip_id: uuid.UUID
    platform: str
    captions: bool
    state: VariantState = Field(
        description="pending → rendering → ready, or failed; asked for again, pending once more"
    )
    width: int | None
    height: int | None
    duration_seconds: float | None
    size_bytes: int | None
    checks: dict[str, Any]
    error: str | None
    video_url: str | None = Field(description="Signed, expiring link; plays in a <video> tag.")
    cover_url: str | None
    preview_url: str | None
    created_at: datetime
    updated_at: datetime


class ClipOut(BaseModel):
    id: uuid.UUID
    asset_id: uuid.UUID
    start_seconds: float
    end_seconds: float
    duration_seconds: float
    rank: int
    score: float = Field(description="The best of the per-platform scores.")
    scores: dict[str, float]
    status: ClipStatus
    transcript: str | None
    caption: str = Field(description="The marketer's caption; pre-fills publishing.")
    asset_name: str = Field(default="", description="The source video's name.")
    source_url: str | None = Field(
        default=None,
        description="Signed link to the source video; play it from `start_seconds` to "
        "`end_seconds` until a variant is ready.",
    )
    cover_url: str | None = Field(default=None, description="A ready variant's cover image.")
    preview_url: str | None = Field(default=None, description="A ready variant's short preview.")
    created_at: datetime
    version: int = Field(default=1, description="1 as cut; each edit, split or merge adds one.")
    parent_id: uuid.UUID | None = Field(
        default=None, description="The clip this version was edited, split or merged from."
    )
    latest: bool = Field(default=True, description="False once a newer version exists.")
    caption_preset: str | None = Field(
        default=None, description="None: the workspace's brand if it has one, else the default."
    )
    removed: list[Span] = Field(
        default_factory=list,
        description="Stretches cut out of the clip (filler words, long pauses), on the source "
        "timeline; `duration_seconds` is how long the clip plays without them.",
    )


class Contribution(BaseModel):
    value: float
    weight: float
    contribution: float


class ClipDetail(ClipOut):
    features: dict[str, float]
    duration_fit: dict[str, float] = Field(description="How well the length suits each platform.")
    weights_version: int
    breakdown: dict[str, dict[str, Contribution]] = Field(
        description="Per platform: each feature's value, its weight and their product."
    )
    variants: list[VariantOut]


class UpdateClipRequest(BaseModel):
    """Review a clip, edit its caption, or both; fields left out stay as they are."""

    status: ClipStatus | None = None
    caption: str | None = Field(
        default=None,
        max_length=CAPTION_MAX_CHARS,
        description=f"At most {CAPTION_MAX_CHARS} characters (Instagram's limit).",
    )

    @model_validator(mode="after")
    def _something(self) -> UpdateClipRequest:
        if self.status is None and self.caption is None:
            raise ValueError("send a status, a caption, or both")
        return self


class CreateVariantRequest(BaseModel):
    platform: Platform
    captions: bool = Field(default=False, description="Burn in captions from the transcript.")
    force: bool = Field(default=False, description="Render again even if a variant is ready.")


class TranscriptWord(BaseModel):
    index: int = Field(description="What first_word, last_word and word_fixes refer to.")
    text: str
    start: float = Field(description="Seconds on the source video's timeline.")
    end: float


class ClipTranscript(BaseModel):
    clip_id: uuid.UUID
    version: int
    start_seconds: float
    end_seconds: float
    engine: str | None = Field(description="The speech engine that heard the words.")
    reliable: bool = Field(description="Whether the engine is good enough to burn captions.")
    reason: str | None = Field(description="Why captions are off, when the engine is not.")
    caption_preset: str | None
    words: list[TranscriptWord]
    cuts: list[float] = Field(description="Shot cuts from 10 s before the clip to 10 s after.")
    pauses: list[tuple[float, float]] = Field(description="Pauses in the same window.")
    removed: list[Span] = Field(
        default_factory=list,
        description="Stretches cut out of the clip; the words inside them are not listed.",
    )


class WordFix(BaseModel):
    index: int = Field(ge=0)
    text: str = Field(min_length=1, max_length=64)

    @field_validator("text", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        if isinstance(value, str):
            if "\n" in value or "\r" in value:
                raise ValueError("a word is one line")
            return value.strip()
        return value


class ClipEdit(BaseModel):
    """A new version of the clip: new edges (by words or by dragging), fixed words, a caption
    preset; fields left out stay as they are."""

    start_seconds: float | None = Field(default=None, ge=0, description="Snapped to a clean cut.")
    end_seconds: float | None = Field(default=None, ge=0, description="Snapped to a clean cut.")
    first_word: int | None = Field(default=None, ge=0, description="Start just before this word.")
    last_word: int | None = Field(default=None, ge=0, description="End just after this word.")
    word_fixes: list[WordFix] = Field(default_factory=list, max_length=1000)
    caption_preset: str | None = Field(
        default=None, description=f"One of {', '.join(PRESET_NAMES)}."
    )
    remove_fillers: bool = Field(
        default=False,
        description="Cut out filler words (um, uh, er, hmm...) and the silence around them.",
    )
    shorten_pauses_to: float | None = Field(
        default=None,
        ge=0.1,
        le=2.0,
        description="Cut every pause between words longer than this down to this many seconds.",
    )

    @field_validator("caption_preset")
    @classmethod
    def _known_preset(cls, value: str | None) -> str | None:
        if value is not None and value not in PRESET_NAMES:
            raise ValueError(f"must be one of {', '.join(PRESET_NAMES)}")
        return value

    @model_validator(mode="after")
    def _one_way_per_edge(self) -> ClipEdit:
        if self.start_seconds is not None and self.first_word is not None:
            raise ValueError("send start_seconds or first_word, not both")
        if self.end_seconds is not None and self.last_word is not None:
            raise ValueError("send end_seconds or last_word, not both")
        return self


class ClipVersion(BaseModel):
    id: uuid.UUID
    version: int
    start_seconds: float
    end_seconds: float
    caption_preset: str | None
    latest: bool
    created_at: datetime


class SplitRequest(BaseModel):
    at_seconds: float = Field(ge=0, description="Snapped like a dragged edge.")


class SplitOut(BaseModel):
    clips: list[ClipOut]


class MergeRequest(BaseModel):
    clip_ids: list[uuid.UUID] = Field(min_length=2, max_length=2)
