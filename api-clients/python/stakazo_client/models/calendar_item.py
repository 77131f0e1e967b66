from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.calendar_item_state import CalendarItemState

if TYPE_CHECKING:
    from ..models.approval_count import ApprovalCount


T = TypeVar("T", bound="CalendarItem")


@_attrs_define
class CalendarItem:
    """
    Attributes:
        account_handle (str):
        account_id (UUID):
        account_name (str): The account's display name, or its handle.
        approvals (ApprovalCount):
        asset_name (str): The name of the video the clip was cut from.
        at (datetime.datetime): When it is placed on the calendar: the time it was published; else its `publish_at`;
            else (a post sent as soon as approved) when it was created.
        campaign_id (None | UUID): The campaign that planned it, if any.
        caption (str):
        clip_id (UUID):
        cover_url (None | str): The cover of the publication's rendered variant.
        platform (str):
        preview_url (None | str):
        publication_id (UUID):
        state (CalendarItemState):
    """

    account_handle: str
    account_id: UUID
    account_name: str
    approvals: ApprovalCount
    asset_name: str
    at: datetime.datetime
    campaign_id: None | UUID
    caption: str
    clip_id: UUID
    cover_url: None | str
    platform: str
    preview_url: None | str
    publication_id: UUID
    state: CalendarItemState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_handle = self.account_handle

        account_id = str(self.account_id)

        account_name = self.account_name

        approvals = self.approvals.to_dict()

        asset_name = self.asset_name

        at = self.at.isoformat()

        campaign_id: None | str
        if isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        caption = self.caption

        clip_id = str(self.clip_id)

        cover_url: None | str
        cover_url = self.cover_url

        platform = self.platform

        preview_url: None | str
        preview_url = self.preview_url

        publication_id = str(self.publication_id)

        state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_handle": account_handle,
                "account_id": account_id,
                "account_name": account_name,
                "approvals": approvals,
                "asset_name": asset_name,
                "at": at,
                "campaign_id": campaign_id,
                "caption": caption,
                "clip_id": clip_id,
                "cover_url": cover_url,
                "platform": platform,
                "preview_url": preview_url,
                "publication_id": publication_id,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.approval_count import ApprovalCount  # noqa: PLC0415

        d = dict(src_dict)
        account_handle = d.pop("account_handle")

        account_id = UUID(d.pop("account_id"))

        account_name = d.pop("account_name")

        approvals = ApprovalCount.from_dict(d.pop("approvals"))

        asset_name = d.pop("asset_name")

        at = datetime.datetime.fromisoformat(d.pop("at"))

        def _parse_campaign_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                campaign_id_type_0 = UUID(data)

                return campaign_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        campaign_id = _parse_campaign_id(d.pop("campaign_id"))

        caption = d.pop("caption")

        clip_id = UUID(d.pop("clip_id"))

        def _parse_cover_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cover_url = _parse_cover_url(d.pop("cover_url"))

        platform = d.pop("platform")

        def _parse_preview_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        preview_url = _parse_preview_url(d.pop("preview_url"))

        publication_id = UUID(d.pop("publication_id"))

        state = CalendarItemState(d.pop("state"))

        calendar_item = cls(
            account_handle=account_handle,
            account_id=account_id,
            account_name=account_name,
            approvals=approvals,
            asset_name=asset_name,
            at=at,
            campaign_id=campaign_id,
            caption=caption,
            clip_id=clip_id,
            cover_url=cover_url,
            platform=platform,
            preview_url=preview_url,
            publication_id=publication_id,
            state=state,
        )

        calendar_item.additional_properties = d
        return calendar_item

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
