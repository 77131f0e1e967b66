from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.ledger_event_out_payload import LedgerEventOutPayload


T = TypeVar("T", bound="LedgerEventOut")


@_attrs_define
class LedgerEventOut:
    """
    Attributes:
        actor_id (None | UUID):
        asset_id (None | UUID):
        campaign_id (None | UUID):
        chain (str): The chain the event belongs to: its workspace's id, `system` for events of no workspace, or
            `legacy` for events recorded before chains were per workspace.
        chain_seq (int): The event's number in its chain: 1, 2, 3 … with no gaps (legacy events keep the instance-wide
            numbers they had).
        clip_id (None | UUID):
        hash_ (str):
        id (UUID):
        job_id (None | UUID):
        occurred_at (datetime.datetime):
        payload (LedgerEventOutPayload):
        prev_hash (str):
        publication_id (None | UUID):
        type_ (str):
        user_id (None | UUID):
        workspace_id (None | UUID):
    """

    actor_id: None | UUID
    asset_id: None | UUID
    campaign_id: None | UUID
    chain: str
    chain_seq: int
    clip_id: None | UUID
    hash_: str
    id: UUID
    job_id: None | UUID
    occurred_at: datetime.datetime
    payload: LedgerEventOutPayload
    prev_hash: str
    publication_id: None | UUID
    type_: str
    user_id: None | UUID
    workspace_id: None | UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        actor_id: None | str
        if isinstance(self.actor_id, UUID):
            actor_id = str(self.actor_id)
        else:
            actor_id = self.actor_id

        asset_id: None | str
        if isinstance(self.asset_id, UUID):
            asset_id = str(self.asset_id)
        else:
            asset_id = self.asset_id

        campaign_id: None | str
        if isinstance(self.campaign_id, UUID):
            campaign_id = str(self.campaign_id)
        else:
            campaign_id = self.campaign_id

        chain = self.chain

        chain_seq = self.chain_seq

        clip_id: None | str
        if isinstance(self.clip_id, UUID):
            clip_id = str(self.clip_id)
        else:
            clip_id = self.clip_id

        hash_ = self.hash_

        id = str(self.id)

        job_id: None | str
        if isinstance(self.job_id, UUID):
            job_id = str(self.job_id)
        else:
            job_id = self.job_id

        occurred_at = self.occurred_at.isoformat()

        payload = self.payload.to_dict()

        prev_hash = self.prev_hash

        publication_id: None | str
        if isinstance(self.publication_id, UUID):
            publication_id = str(self.publication_id)
        else:
            publication_id = self.publication_id

        type_ = self.type_

        user_id: None | str
        if isinstance(self.user_id, UUID):
            user_id = str(self.user_id)
        else:
            user_id = self.user_id

        workspace_id: None | str
        if isinstance(self.workspace_id, UUID):
            workspace_id = str(self.workspace_id)
        else:
            workspace_id = self.workspace_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "actor_id": actor_id,
                "asset_id": asset_id,
                "campaign_id": campaign_id,
                "chain": chain,
                "chain_seq": chain_seq,
                "clip_id": clip_id,
                "hash": hash_,
                "id": id,
                "job_id": job_id,
                "occurred_at": occurred_at,
                "payload": payload,
                "prev_hash": prev_hash,
                "publication_id": publication_id,
                "type": type_,
                "user_id": user_id,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.ledger_event_out_payload import LedgerEventOutPayload  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_actor_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                actor_id_type_0 = UUID(data)

                return actor_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        actor_id = _parse_actor_id(d.pop("actor_id"))

        def _parse_asset_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                asset_id_type_0 = UUID(data)

                return asset_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        asset_id = _parse_asset_id(d.pop("asset_id"))

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

        chain = d.pop("chain")

        chain_seq = d.pop("chain_seq")

        def _parse_clip_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clip_id_type_0 = UUID(data)

                return clip_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        clip_id = _parse_clip_id(d.pop("clip_id"))

        hash_ = d.pop("hash")

        id = UUID(d.pop("id"))

        def _parse_job_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                job_id_type_0 = UUID(data)

                return job_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        job_id = _parse_job_id(d.pop("job_id"))

        occurred_at = datetime.datetime.fromisoformat(d.pop("occurred_at"))

        payload = LedgerEventOutPayload.from_dict(d.pop("payload"))

        prev_hash = d.pop("prev_hash")

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

        type_ = d.pop("type")

        def _parse_user_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                user_id_type_0 = UUID(data)

                return user_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        user_id = _parse_user_id(d.pop("user_id"))

        def _parse_workspace_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                workspace_id_type_0 = UUID(data)

                return workspace_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        workspace_id = _parse_workspace_id(d.pop("workspace_id"))

        ledger_event_out = cls(
            actor_id=actor_id,
            asset_id=asset_id,
            campaign_id=campaign_id,
            chain=chain,
            chain_seq=chain_seq,
            clip_id=clip_id,
            hash_=hash_,
            id=id,
            job_id=job_id,
            occurred_at=occurred_at,
            payload=payload,
            prev_hash=prev_hash,
            publication_id=publication_id,
            type_=type_,
            user_id=user_id,
            workspace_id=workspace_id,
        )

        ledger_event_out.additional_properties = d
        return ledger_event_out

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
