from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_post_out_source import CampaignPostOutSource
from ..models.campaign_post_out_state import CampaignPostOutState

if TYPE_CHECKING:
    from ..models.campaign_post_out_reason import CampaignPostOutReason


T = TypeVar("T", bound="CampaignPostOut")


@_attrs_define
class CampaignPostOut:
    """
    Attributes:
        account_id (UUID):
        caption (str):
        clip_id (UUID):
        exploration (bool):
        id (UUID):
        publication_id (None | UUID):
        publication_state (None | str):
        reason (CampaignPostOutReason):
        reuse (int):
        score (float):
        slot_at (datetime.datetime):
        source (CampaignPostOutSource):
        state (CampaignPostOutState):
        title (str):
    """

    account_id: UUID
    caption: str
    clip_id: UUID
    exploration: bool
    id: UUID
    publication_id: None | UUID
    publication_state: None | str
    reason: CampaignPostOutReason
    reuse: int
    score: float
    slot_at: datetime.datetime
    source: CampaignPostOutSource
    state: CampaignPostOutState
    title: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        caption = self.caption

        clip_id = str(self.clip_id)

        exploration = self.exploration

        id = str(self.id)

        publication_id: None | str
        if isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        publication_state: None | str
        publication_state = self.publication_state

        reason = self.reason.to_dict()

        reuse = self.reuse

        score = self.score

        slot_at = self.slot_at.isoformat()

        source = self.source.value

        state = self.state.value

        title = self.title

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "caption": caption,
                "clip_id": clip_id,
                "exploration": exploration,
                "id": id,
                "publication_id": publication_id,
                "publication_state": publication_state,
                "reason": reason,
                "reuse": reuse,
                "score": score,
                "slot_at": slot_at,
                "source": source,
                "state": state,
                "title": title,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.campaign_post_out_reason import CampaignPostOutReason  # noqa: PLC0415

        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))

        caption = d.pop("caption")

        clip_id = UUID(d.pop("clip_id"))

        exploration = d.pop("exploration")

        id = UUID(d.pop("id"))

        def _parse_publication_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publication_id_type_0 = UUID(data)

                return publication_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        publication_id = _parse_publication_id(d.pop("publication_id"))

        def _parse_publication_state(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        publication_state = _parse_publication_state(d.pop("publication_state"))

        reason = CampaignPostOutReason.from_dict(d.pop("reason"))

        reuse = d.pop("reuse")

        score = d.pop("score")

        slot_at = datetime.datetime.fromisoformat(d.pop("slot_at"))

        source = CampaignPostOutSource(d.pop("source"))

        state = CampaignPostOutState(d.pop("state"))

        title = d.pop("title")

        campaign_post_out = cls(
            account_id=account_id,
            caption=caption,
            clip_id=clip_id,
            exploration=exploration,
            id=id,
            publication_id=publication_id,
            publication_state=publication_state,
            reason=reason,
            reuse=reuse,
            score=score,
            slot_at=slot_at,
            source=source,
            state=state,
            title=title,
        )

        campaign_post_out.additional_properties = d
        return campaign_post_out

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
