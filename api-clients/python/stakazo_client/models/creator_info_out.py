from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.creator_info_out_platform import CreatorInfoOutPlatform
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tik_tok_creator_info import TikTokCreatorInfo
    from ..models.you_tube_creator_info import YouTubeCreatorInfo


T = TypeVar("T", bound="CreatorInfoOut")


@_attrs_define
class CreatorInfoOut:
    """
    Attributes:
        account_id (UUID):
        platform (CreatorInfoOutPlatform):
        tiktok (None | TikTokCreatorInfo | Unset):
        youtube (None | Unset | YouTubeCreatorInfo):
    """

    account_id: UUID
    platform: CreatorInfoOutPlatform
    tiktok: None | TikTokCreatorInfo | Unset = UNSET
    youtube: None | Unset | YouTubeCreatorInfo = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tik_tok_creator_info import TikTokCreatorInfo  # noqa: PLC0415
        from ..models.you_tube_creator_info import YouTubeCreatorInfo  # noqa: PLC0415

        account_id = str(self.account_id)

        platform = self.platform.value

        tiktok: dict[str, Any] | None | Unset
        if isinstance(self.tiktok, Unset):
            tiktok = UNSET
        elif isinstance(self.tiktok, TikTokCreatorInfo):
            tiktok = self.tiktok.to_dict()
        else:
            tiktok = self.tiktok

        youtube: dict[str, Any] | None | Unset
        if isinstance(self.youtube, Unset):
            youtube = UNSET
        elif isinstance(self.youtube, YouTubeCreatorInfo):
            youtube = self.youtube.to_dict()
        else:
            youtube = self.youtube

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "platform": platform,
            }
        )
        if tiktok is not UNSET:
            field_dict["tiktok"] = tiktok
        if youtube is not UNSET:
            field_dict["youtube"] = youtube

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tik_tok_creator_info import TikTokCreatorInfo  # noqa: PLC0415
        from ..models.you_tube_creator_info import YouTubeCreatorInfo  # noqa: PLC0415

        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))

        platform = CreatorInfoOutPlatform(d.pop("platform"))

        def _parse_tiktok(data: object) -> None | TikTokCreatorInfo | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                tiktok_type_0 = TikTokCreatorInfo.from_dict(data)

                return tiktok_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TikTokCreatorInfo | Unset, data)

        tiktok = _parse_tiktok(d.pop("tiktok", UNSET))

        def _parse_youtube(data: object) -> None | Unset | YouTubeCreatorInfo:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                youtube_type_0 = YouTubeCreatorInfo.from_dict(data)

                return youtube_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | YouTubeCreatorInfo, data)

        youtube = _parse_youtube(d.pop("youtube", UNSET))

        creator_info_out = cls(
            account_id=account_id,
            platform=platform,
            tiktok=tiktok,
            youtube=youtube,
        )

        creator_info_out.additional_properties = d
        return creator_info_out

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
