from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tik_tok_choices import TikTokChoices
    from ..models.you_tube_choices import YouTubeChoices


T = TypeVar("T", bound="PostChoices")


@_attrs_define
class PostChoices:
    """The user's own choices for the posts to platforms that demand them on every post (TikTok
    direct posts, YouTube), checked as for one-off publishing. A plan uses those sent with it,
    else the campaign's own (`post_choices`), else those of its latest post to that platform; a
    platform with none refuses the plan with 422.

        Attributes:
            tiktok (None | TikTokChoices | Unset):
            youtube (None | Unset | YouTubeChoices):
    """

    tiktok: None | TikTokChoices | Unset = UNSET
    youtube: None | Unset | YouTubeChoices = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tik_tok_choices import TikTokChoices  # noqa: PLC0415
        from ..models.you_tube_choices import YouTubeChoices  # noqa: PLC0415

        tiktok: dict[str, Any] | None | Unset
        if isinstance(self.tiktok, Unset):
            tiktok = UNSET
        elif isinstance(self.tiktok, TikTokChoices):
            tiktok = self.tiktok.to_dict()
        else:
            tiktok = self.tiktok

        youtube: dict[str, Any] | None | Unset
        if isinstance(self.youtube, Unset):
            youtube = UNSET
        elif isinstance(self.youtube, YouTubeChoices):
            youtube = self.youtube.to_dict()
        else:
            youtube = self.youtube

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if tiktok is not UNSET:
            field_dict["tiktok"] = tiktok
        if youtube is not UNSET:
            field_dict["youtube"] = youtube

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tik_tok_choices import TikTokChoices  # noqa: PLC0415
        from ..models.you_tube_choices import YouTubeChoices  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_tiktok(data: object) -> None | TikTokChoices | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tiktok_type_0 = TikTokChoices.from_dict(data)

                return tiktok_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TikTokChoices | Unset, data)

        tiktok = _parse_tiktok(d.pop("tiktok", UNSET))

        def _parse_youtube(data: object) -> None | Unset | YouTubeChoices:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                youtube_type_0 = YouTubeChoices.from_dict(data)

                return youtube_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | YouTubeChoices, data)

        youtube = _parse_youtube(d.pop("youtube", UNSET))

        post_choices = cls(
            tiktok=tiktok,
            youtube=youtube,
        )

        post_choices.additional_properties = d
        return post_choices

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
