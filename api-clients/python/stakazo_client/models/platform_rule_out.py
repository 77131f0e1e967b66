from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.platform_rule_out_status import PlatformRuleOutStatus

if TYPE_CHECKING:
    from ..models.platform_rules_doc import PlatformRulesDoc


T = TypeVar("T", bound="PlatformRuleOut")


@_attrs_define
class PlatformRuleOut:
    """One version. Proposer and deciders are named only when they belong to the caller's
    workspace (rules are shared by every workspace; its people are not).

        Attributes:
            approved_at (datetime.datetime | None):
            approved_by_id (None | UUID):
            created_at (datetime.datetime):
            decision_note (None | str):
            id (UUID):
            note (str):
            platform (str):
            proposed_by_id (None | UUID):
            rejected_at (datetime.datetime | None):
            rejected_by_id (None | UUID):
            rules (PlatformRulesDoc): Everything Stakazo knows a platform accepts. The first group is what renders aim at
                (and
                the publish-time media check holds the file to); the second is what the pre-flight check
                refuses before any upload. Unknown keys are refused.
            status (PlatformRuleOutStatus):
            version (int):
    """

    approved_at: datetime.datetime | None
    approved_by_id: None | UUID
    created_at: datetime.datetime
    decision_note: None | str
    id: UUID
    note: str
    platform: str
    proposed_by_id: None | UUID
    rejected_at: datetime.datetime | None
    rejected_by_id: None | UUID
    rules: PlatformRulesDoc
    status: PlatformRuleOutStatus
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        approved_by_id: None | str
        if isinstance(self.approved_by_id, UUID):
            approved_by_id = str(self.approved_by_id)
        else:
            approved_by_id = self.approved_by_id

        created_at = self.created_at.isoformat()

        decision_note: None | str
        decision_note = self.decision_note

        id = str(self.id)

        note = self.note

        platform = self.platform

        proposed_by_id: None | str
        if isinstance(self.proposed_by_id, UUID):
            proposed_by_id = str(self.proposed_by_id)
        else:
            proposed_by_id = self.proposed_by_id

        rejected_at: None | str
        if isinstance(self.rejected_at, datetime.datetime):
            rejected_at = self.rejected_at.isoformat()
        else:
            rejected_at = self.rejected_at

        rejected_by_id: None | str
        if isinstance(self.rejected_by_id, UUID):
            rejected_by_id = str(self.rejected_by_id)
        else:
            rejected_by_id = self.rejected_by_id

        rules = self.rules.to_dict()

        status = self.status.value

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approved_at": approved_at,
                "approved_by_id": approved_by_id,
                "created_at": created_at,
                "decision_note": decision_note,
                "id": id,
                "note": note,
                "platform": platform,
                "proposed_by_id": proposed_by_id,
                "rejected_at": rejected_at,
                "rejected_by_id": rejected_by_id,
                "rules": rules,
                "status": status,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.platform_rules_doc import PlatformRulesDoc  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))

        def _parse_approved_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_by_id_type_0 = UUID(data)

                return approved_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        approved_by_id = _parse_approved_by_id(d.pop("approved_by_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_decision_note(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        decision_note = _parse_decision_note(d.pop("decision_note"))

        id = UUID(d.pop("id"))

        note = d.pop("note")

        platform = d.pop("platform")

        def _parse_proposed_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                proposed_by_id_type_0 = UUID(data)

                return proposed_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        proposed_by_id = _parse_proposed_by_id(d.pop("proposed_by_id"))

        def _parse_rejected_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rejected_at_type_0 = datetime.datetime.fromisoformat(data)

                return rejected_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        rejected_at = _parse_rejected_at(d.pop("rejected_at"))

        def _parse_rejected_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                rejected_by_id_type_0 = UUID(data)

                return rejected_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        rejected_by_id = _parse_rejected_by_id(d.pop("rejected_by_id"))

        rules = PlatformRulesDoc.from_dict(d.pop("rules"))

        status = PlatformRuleOutStatus(d.pop("status"))

        version = d.pop("version")

        platform_rule_out = cls(
            approved_at=approved_at,
            approved_by_id=approved_by_id,
            created_at=created_at,
            decision_note=decision_note,
            id=id,
            note=note,
            platform=platform,
            proposed_by_id=proposed_by_id,
            rejected_at=rejected_at,
            rejected_by_id=rejected_by_id,
            rules=rules,
            status=status,
            version=version,
        )

        platform_rule_out.additional_properties = d
        return platform_rule_out

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
