from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.finding_cause import FindingCause
from ..models.finding_severity import FindingSeverity
from ..types import UNSET, Unset

T = TypeVar("T", bound="Finding")


@_attrs_define
class Finding:
    """
    Attributes:
        cause (FindingCause):
        facts (list[str]): What the finding rests on, redacted.
        id (str): E1, E2...: stable within the run, cited by the answer.
        severity (FindingSeverity):
        title (str):
        count (int | Unset): How many observations back it. Default: 1.
    """

    cause: FindingCause
    facts: list[str]
    id: str
    severity: FindingSeverity
    title: str
    count: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cause = self.cause.value

        facts = self.facts

        id = self.id

        severity = self.severity.value

        title = self.title

        count = self.count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cause": cause,
                "facts": facts,
                "id": id,
                "severity": severity,
                "title": title,
            }
        )
        if count is not UNSET:
            field_dict["count"] = count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        cause = FindingCause(d.pop("cause"))

        facts = cast(list[str], d.pop("facts"))

        id = d.pop("id")

        severity = FindingSeverity(d.pop("severity"))

        title = d.pop("title")

        count = d.pop("count", UNSET)

        finding = cls(
            cause=cause,
            facts=facts,
            id=id,
            severity=severity,
            title=title,
            count=count,
        )

        finding.additional_properties = d
        return finding

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
