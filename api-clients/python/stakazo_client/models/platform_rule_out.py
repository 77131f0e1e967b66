from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.platform_rule_out_rules import PlatformRuleOutRules


T = TypeVar("T", bound="PlatformRuleOut")


@_attrs_define
class PlatformRuleOut:
    """
    Attributes:
        approved_at (datetime.datetime | None):
        created_at (datetime.datetime):
        id (UUID):
        platform (str):
        rules (PlatformRuleOutRules):
        version (int):
    """

    approved_at: datetime.datetime | None
    created_at: datetime.datetime
    id: UUID
    platform: str
    rules: PlatformRuleOutRules
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        created_at = self.created_at.isoformat()

        id = str(self.id)

        platform = self.platform

        rules = self.rules.to_dict()

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "approved_at": approved_at,
                "created_at": created_at,
                "id": id,
                "platform": platform,
                "rules": rules,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.platform_rule_out_rules import PlatformRuleOutRules  # noqa: PLC0415

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        platform = d.pop("platform")

        rules = PlatformRuleOutRules.from_dict(d.pop("rules"))

        version = d.pop("version")

        platform_rule_out = cls(
            approved_at=approved_at,
            created_at=created_at,
            id=id,
            platform=platform,
            rules=rules,
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
