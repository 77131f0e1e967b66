from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_publications_mode import CreatePublicationsMode
from ..models.create_publications_privacy import CreatePublicationsPrivacy
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tik_tok_choices import TikTokChoices
    from ..models.you_tube_choices import YouTubeChoices


T = TypeVar("T", bound="CreatePublications")


@_attrs_define
class CreatePublications:
    """
    Attributes:
        account_ids (list[UUID]):
        clip_id (UUID):
        caption (str | Unset):  Default: ''.
        captions (bool | Unset): Publish the variant with burned captions. Default: False.
        mode (CreatePublicationsMode | Unset): TikTok only: `draft` sends it to the creator's inbox. Default:
            CreatePublicationsMode.DIRECT.
        privacy (CreatePublicationsPrivacy | Unset):  Default: CreatePublicationsPrivacy.PUBLIC.
        publish_at (datetime.datetime | None | Unset): When to publish (UTC). Absent or past: as soon as approved.
        submit (bool | Unset): Ask for approval right away (`awaiting_approval`), or keep drafts. Default: True.
        tiktok (None | TikTokChoices | Unset): Required for TikTok direct posts: the user's choices, offered from `GET
            /v1/accounts/{id}/creator-info`. Its `privacy_level` replaces `privacy`.
        title (str | Unset): YouTube title; TikTok uses it too. Default: ''.
        youtube (None | Unset | YouTubeChoices): Required for YouTube: the audience declaration, tags, category.
    """

    account_ids: list[UUID]
    clip_id: UUID
    caption: str | Unset = ""
    captions: bool | Unset = False
    mode: CreatePublicationsMode | Unset = CreatePublicationsMode.DIRECT
    privacy: CreatePublicationsPrivacy | Unset = CreatePublicationsPrivacy.PUBLIC
    publish_at: datetime.datetime | None | Unset = UNSET
    submit: bool | Unset = True
    tiktok: None | TikTokChoices | Unset = UNSET
    title: str | Unset = ""
    youtube: None | Unset | YouTubeChoices = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.tik_tok_choices import TikTokChoices  # noqa: PLC0415
        from ..models.you_tube_choices import YouTubeChoices  # noqa: PLC0415

        account_ids = []
        for account_ids_item_data in self.account_ids:
            account_ids_item = str(account_ids_item_data)
            account_ids.append(account_ids_item)

        clip_id = str(self.clip_id)

        caption = self.caption

        captions = self.captions

        mode: str | Unset = UNSET
        if not isinstance(self.mode, Unset):
            mode = self.mode.value

        privacy: str | Unset = UNSET
        if not isinstance(self.privacy, Unset):
            privacy = self.privacy.value

        publish_at: None | str | Unset
        if isinstance(self.publish_at, Unset):
            publish_at = UNSET
        elif isinstance(self.publish_at, datetime.datetime):
            publish_at = self.publish_at.isoformat()
        else:
            publish_at = self.publish_at

        submit = self.submit

        tiktok: dict[str, Any] | None | Unset
        if isinstance(self.tiktok, Unset):
            tiktok = UNSET
        elif isinstance(self.tiktok, TikTokChoices):
            tiktok = self.tiktok.to_dict()
        else:
            tiktok = self.tiktok

        title = self.title

        youtube: dict[str, Any] | None | Unset
        if isinstance(self.youtube, Unset):
            youtube = UNSET
        elif isinstance(self.youtube, YouTubeChoices):
            youtube = self.youtube.to_dict()
        else:
            youtube = self.youtube

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_ids": account_ids,
                "clip_id": clip_id,
            }
        )
        if caption is not UNSET:
            field_dict["caption"] = caption
        if captions is not UNSET:
            field_dict["captions"] = captions
        if mode is not UNSET:
            field_dict["mode"] = mode
        if privacy is not UNSET:
            field_dict["privacy"] = privacy
        if publish_at is not UNSET:
            field_dict["publish_at"] = publish_at
        if submit is not UNSET:
            field_dict["submit"] = submit
        if tiktok is not UNSET:
            field_dict["tiktok"] = tiktok
        if title is not UNSET:
            field_dict["title"] = title
        if youtube is not UNSET:
            field_dict["youtube"] = youtube

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tik_tok_choices import TikTokChoices  # noqa: PLC0415
        from ..models.you_tube_choices import YouTubeChoices  # noqa: PLC0415

        d = dict(src_dict)
        account_ids = []
        _account_ids = d.pop("account_ids")
        for account_ids_item_data in _account_ids:
            account_ids_item = UUID(account_ids_item_data)

            account_ids.append(account_ids_item)

        clip_id = UUID(d.pop("clip_id"))

        caption = d.pop("caption", UNSET)

        captions = d.pop("captions", UNSET)

        _mode = d.pop("mode", UNSET)
        mode: CreatePublicationsMode | Unset
        if isinstance(_mode, Unset):
            mode = UNSET
        else:
            mode = CreatePublicationsMode(_mode)

        _privacy = d.pop("privacy", UNSET)
        privacy: CreatePublicationsPrivacy | Unset
        if isinstance(_privacy, Unset):
            privacy = UNSET
        else:
            privacy = CreatePublicationsPrivacy(_privacy)

        def _parse_publish_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publish_at_type_0 = datetime.datetime.fromisoformat(data)

                return publish_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        publish_at = _parse_publish_at(d.pop("publish_at", UNSET))

        submit = d.pop("submit", UNSET)

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

        title = d.pop("title", UNSET)

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

        create_publications = cls(
            account_ids=account_ids,
            clip_id=clip_id,
            caption=caption,
            captions=captions,
            mode=mode,
            privacy=privacy,
            publish_at=publish_at,
            submit=submit,
            tiktok=tiktok,
            title=title,
            youtube=youtube,
        )

        create_publications.additional_properties = d
        return create_publications

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
