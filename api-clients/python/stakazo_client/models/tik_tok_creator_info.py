from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TikTokCreatorInfo")


@_attrs_define
class TikTokCreatorInfo:
    """creator_info/query, as TikTok answered it just now.

    Attributes:
        avatar_url (None | str):
        comment_disabled (bool): Turned off by the creator: grey it out.
        duet_disabled (bool):
        max_video_post_duration_sec (int | None):
        nickname (None | str): Show it on the posting form (TikTok's rule).
        privacy_level_options (list[str]): The only privacy levels to offer.
        stitch_disabled (bool):
        username (None | str):
    """

    avatar_url: None | str
    comment_disabled: bool
    duet_disabled: bool
    max_video_post_duration_sec: int | None
    nickname: None | str
    privacy_level_options: list[str]
    stitch_disabled: bool
    username: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        avatar_url: None | str
        avatar_url = self.avatar_url

        comment_disabled = self.comment_disabled

        duet_disabled = self.duet_disabled

        max_video_post_duration_sec: int | None
        max_video_post_duration_sec = self.max_video_post_duration_sec

        nickname: None | str
        nickname = self.nickname

        privacy_level_options = self.privacy_level_options

        stitch_disabled = self.stitch_disabled

        username: None | str
        username = self.username

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "avatar_url": avatar_url,
                "comment_disabled": comment_disabled,
                "duet_disabled": duet_disabled,
                "max_video_post_duration_sec": max_video_post_duration_sec,
                "nickname": nickname,
                "privacy_level_options": privacy_level_options,
                "stitch_disabled": stitch_disabled,
                "username": username,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_avatar_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        avatar_url = _parse_avatar_url(d.pop("avatar_url"))

        comment_disabled = d.pop("comment_disabled")

        duet_disabled = d.pop("duet_disabled")

        def _parse_max_video_post_duration_sec(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        max_video_post_duration_sec = _parse_max_video_post_duration_sec(d.pop("max_video_post_duration_sec"))

        def _parse_nickname(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        nickname = _parse_nickname(d.pop("nickname"))

        privacy_level_options = cast(list[str], d.pop("privacy_level_options"))

        stitch_disabled = d.pop("stitch_disabled")

        def _parse_username(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        username = _parse_username(d.pop("username"))

        tik_tok_creator_info = cls(
            avatar_url=avatar_url,
            comment_disabled=comment_disabled,
            duet_disabled=duet_disabled,
            max_video_post_duration_sec=max_video_post_duration_sec,
            nickname=nickname,
            privacy_level_options=privacy_level_options,
            stitch_disabled=stitch_disabled,
            username=username,
        )

        tik_tok_creator_info.additional_properties = d
        return tik_tok_creator_info

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
