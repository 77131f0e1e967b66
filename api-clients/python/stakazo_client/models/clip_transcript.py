from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.transcript_word import TranscriptWord


T = TypeVar("T", bound="ClipTranscript")


@_attrs_define
class ClipTranscript:
    """
    Attributes:
        caption_preset (None | str):
        clip_id (UUID):
        cuts (list[float]): Shot cuts from 10 s before the clip to 10 s after.
        end_seconds (float):
        engine (None | str): The speech engine that heard the words.
        pauses (list[list[float]]): Pauses in the same window.
        reason (None | str): Why captions are off, when the engine is not.
        reliable (bool): Whether the engine is good enough to burn captions.
        start_seconds (float):
        version (int):
        words (list[TranscriptWord]):
        removed (list[list[float]] | Unset): Stretches cut out of the clip; the words inside them are not listed.
    """

    caption_preset: None | str
    clip_id: UUID
    cuts: list[float]
    end_seconds: float
    engine: None | str
    pauses: list[list[float]]
    reason: None | str
    reliable: bool
    start_seconds: float
    version: int
    words: list[TranscriptWord]
    removed: list[list[float]] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        caption_preset: None | str
        caption_preset = self.caption_preset

        clip_id = str(self.clip_id)

        cuts = self.cuts

        end_seconds = self.end_seconds

        engine: None | str
        engine = self.engine

        pauses = []
        for pauses_item_data in self.pauses:
            pauses_item = []
            for pauses_item_item_data in pauses_item_data:
                pauses_item_item: float
                pauses_item_item = pauses_item_item_data
                pauses_item.append(pauses_item_item)

            pauses.append(pauses_item)

        reason: None | str
        reason = self.reason

        reliable = self.reliable

        start_seconds = self.start_seconds

        version = self.version

        words = []
        for words_item_data in self.words:
            words_item = words_item_data.to_dict()
            words.append(words_item)

        removed: list[list[float]] | Unset = UNSET
        if not isinstance(self.removed, Unset):
            removed = []
            for removed_item_data in self.removed:
                removed_item = removed_item_data

                removed.append(removed_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "caption_preset": caption_preset,
                "clip_id": clip_id,
                "cuts": cuts,
                "end_seconds": end_seconds,
                "engine": engine,
                "pauses": pauses,
                "reason": reason,
                "reliable": reliable,
                "start_seconds": start_seconds,
                "version": version,
                "words": words,
            }
        )
        if removed is not UNSET:
            field_dict["removed"] = removed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.transcript_word import TranscriptWord  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_caption_preset(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        caption_preset = _parse_caption_preset(d.pop("caption_preset"))

        clip_id = UUID(d.pop("clip_id"))

        cuts = cast(list[float], d.pop("cuts"))

        end_seconds = d.pop("end_seconds")

        def _parse_engine(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        engine = _parse_engine(d.pop("engine"))

        pauses = []
        _pauses = d.pop("pauses")
        for pauses_item_data in _pauses:
            pauses_item = []
            _pauses_item = pauses_item_data
            for pauses_item_item_data in _pauses_item:

                def _parse_pauses_item_item(data: object) -> float:
                    return cast(float, data)

                pauses_item_item = _parse_pauses_item_item(pauses_item_item_data)

                pauses_item.append(pauses_item_item)

            pauses.append(pauses_item)

        def _parse_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reason = _parse_reason(d.pop("reason"))

        reliable = d.pop("reliable")

        start_seconds = d.pop("start_seconds")

        version = d.pop("version")

        words = []
        _words = d.pop("words")
        for words_item_data in _words:
            words_item = TranscriptWord.from_dict(words_item_data)

            words.append(words_item)

        _removed = d.pop("removed", UNSET)
        removed: list[list[float]] | Unset = UNSET
        if _removed is not UNSET:
            removed = []
            for removed_item_data in _removed:
                removed_item = cast(list[float], removed_item_data)

                removed.append(removed_item)

        clip_transcript = cls(
            caption_preset=caption_preset,
            clip_id=clip_id,
            cuts=cuts,
            end_seconds=end_seconds,
            engine=engine,
            pauses=pauses,
            reason=reason,
            reliable=reliable,
            start_seconds=start_seconds,
            version=version,
            words=words,
            removed=removed,
        )

        clip_transcript.additional_properties = d
        return clip_transcript

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
