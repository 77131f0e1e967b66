from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.word_fix import WordFix


T = TypeVar("T", bound="ClipEdit")


@_attrs_define
class ClipEdit:
    """A new version of the clip: new edges (by words or by dragging), fixed words, a caption
    preset; fields left out stay as they are.

        Attributes:
            caption_preset (None | str | Unset): One of bold-centred, word-highlight, karaoke, lower-third, brand.
            end_seconds (float | None | Unset): Snapped to a clean cut.
            first_word (int | None | Unset): Start just before this word.
            last_word (int | None | Unset): End just after this word.
            start_seconds (float | None | Unset): Snapped to a clean cut.
            word_fixes (list[WordFix] | Unset):
    """

    caption_preset: None | str | Unset = UNSET
    end_seconds: float | None | Unset = UNSET
    first_word: int | None | Unset = UNSET
    last_word: int | None | Unset = UNSET
    start_seconds: float | None | Unset = UNSET
    word_fixes: list[WordFix] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        caption_preset: None | str | Unset
        if isinstance(self.caption_preset, Unset):
            caption_preset = UNSET
        else:
            caption_preset = self.caption_preset

        end_seconds: float | None | Unset
        if isinstance(self.end_seconds, Unset):
            end_seconds = UNSET
        else:
            end_seconds = self.end_seconds

        first_word: int | None | Unset
        if isinstance(self.first_word, Unset):
            first_word = UNSET
        else:
            first_word = self.first_word

        last_word: int | None | Unset
        if isinstance(self.last_word, Unset):
            last_word = UNSET
        else:
            last_word = self.last_word

        start_seconds: float | None | Unset
        if isinstance(self.start_seconds, Unset):
            start_seconds = UNSET
        else:
            start_seconds = self.start_seconds

        word_fixes: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.word_fixes, Unset):
            word_fixes = []
            for word_fixes_item_data in self.word_fixes:
                word_fixes_item = word_fixes_item_data.to_dict()
                word_fixes.append(word_fixes_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if caption_preset is not UNSET:
            field_dict["caption_preset"] = caption_preset
        if end_seconds is not UNSET:
            field_dict["end_seconds"] = end_seconds
        if first_word is not UNSET:
            field_dict["first_word"] = first_word
        if last_word is not UNSET:
            field_dict["last_word"] = last_word
        if start_seconds is not UNSET:
            field_dict["start_seconds"] = start_seconds
        if word_fixes is not UNSET:
            field_dict["word_fixes"] = word_fixes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.word_fix import WordFix  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_caption_preset(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        caption_preset = _parse_caption_preset(d.pop("caption_preset", UNSET))

        def _parse_end_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        end_seconds = _parse_end_seconds(d.pop("end_seconds", UNSET))

        def _parse_first_word(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        first_word = _parse_first_word(d.pop("first_word", UNSET))

        def _parse_last_word(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        last_word = _parse_last_word(d.pop("last_word", UNSET))

        def _parse_start_seconds(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        start_seconds = _parse_start_seconds(d.pop("start_seconds", UNSET))

        _word_fixes = d.pop("word_fixes", UNSET)
        word_fixes: list[WordFix] | Unset = UNSET
        if _word_fixes is not UNSET:
            word_fixes = []
            for word_fixes_item_data in _word_fixes:
                word_fixes_item = WordFix.from_dict(word_fixes_item_data)

                word_fixes.append(word_fixes_item)

        clip_edit = cls(
            caption_preset=caption_preset,
            end_seconds=end_seconds,
            first_word=first_word,
            last_word=last_word,
            start_seconds=start_seconds,
            word_fixes=word_fixes,
        )

        clip_edit.additional_properties = d
        return clip_edit

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
