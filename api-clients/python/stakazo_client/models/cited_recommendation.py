from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.finding import Finding


T = TypeVar("T", bound="CitedRecommendation")


@_attrs_define
class CitedRecommendation:
    """
    Attributes:
        action (str):
        cited (list[Finding]):
        evidence (list[str]):
        reason (str | Unset):  Default: ''.
    """

    action: str
    cited: list[Finding]
    evidence: list[str]
    reason: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action

        cited = []
        for cited_item_data in self.cited:
            cited_item = cited_item_data.to_dict()
            cited.append(cited_item)

        evidence = self.evidence

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "cited": cited,
                "evidence": evidence,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.finding import Finding  # noqa: PLC0415

        d = dict(src_dict)
        action = d.pop("action")

        cited = []
        _cited = d.pop("cited")
        for cited_item_data in _cited:
            cited_item = Finding.from_dict(cited_item_data)

            cited.append(cited_item)

        evidence = cast(list[str], d.pop("evidence"))

        reason = d.pop("reason", UNSET)

        cited_recommendation = cls(
            action=action,
            cited=cited,
            evidence=evidence,
            reason=reason,
        )

        cited_recommendation.additional_properties = d
        return cited_recommendation

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
