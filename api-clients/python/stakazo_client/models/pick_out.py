from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pick_out_reason import PickOutReason


T = TypeVar("T", bound="PickOut")


@_attrs_define
class PickOut:
    """
    Attributes:
        account_id (UUID):
        asset_id (UUID):
        caption (str):
        clip_id (UUID):
        exploration (bool):
        platform (str):
        reason (PickOutReason): text: why, in words; score; constraint: null.
        reuse (int):
        score (float):
        slot_at (datetime.datetime):
        title (str):
    """

    account_id: UUID
    asset_id: UUID
    caption: str
    clip_id: UUID
    exploration: bool
    platform: str
    reason: PickOutReason
    reuse: int
    score: float
    slot_at: datetime.datetime
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        asset_id = str(self.asset_id)

        caption = self.caption

        clip_id = str(self.clip_id)

        exploration = self.exploration

        platform = self.platform

        reason = self.reason.to_dict()

        reuse = self.reuse

        score = self.score

        slot_at = self.slot_at.isoformat()

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "asset_id": asset_id,
                "caption": caption,
                "clip_id": clip_id,
                "exploration": exploration,
                "platform": platform,
                "reason": reason,
                "reuse": reuse,
                "score": score,
                "slot_at": slot_at,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pick_out_reason import PickOutReason  # noqa: PLC0415

        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))

        asset_id = UUID(d.pop("asset_id"))

        caption = d.pop("caption")

        clip_id = UUID(d.pop("clip_id"))

        exploration = d.pop("exploration")

        platform = d.pop("platform")

        reason = PickOutReason.from_dict(d.pop("reason"))

        reuse = d.pop("reuse")

        score = d.pop("score")

        slot_at = datetime.datetime.fromisoformat(d.pop("slot_at"))

        title = d.pop("title")

        pick_out = cls(
            account_id=account_id,
            asset_id=asset_id,
            caption=caption,
            clip_id=clip_id,
            exploration=exploration,
            platform=platform,
            reason=reason,
            reuse=reuse,
            score=score,
            slot_at=slot_at,
            title=title,
        )

        pick_out.additional_properties = d
        return pick_out

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
