from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.cited_hypothesis_confidence import CitedHypothesisConfidence
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.finding import Finding


T = TypeVar("T", bound="CitedHypothesis")


@_attrs_define
class CitedHypothesis:
    """
    Attributes:
        cause (str):
        cited (list[Finding]): The findings its evidence ids name.
        evidence (list[str]):
        statement (str):
        confidence (CitedHypothesisConfidence | Unset):  Default: CitedHypothesisConfidence.MEDIUM.
    """

    cause: str
    cited: list[Finding]
    evidence: list[str]
    statement: str
    confidence: CitedHypothesisConfidence | Unset = CitedHypothesisConfidence.MEDIUM
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        cause = self.cause

        cited = []
        for cited_item_data in self.cited:
            cited_item = cited_item_data.to_dict()
            cited.append(cited_item)

        evidence = self.evidence

        statement = self.statement

        confidence: str | Unset = UNSET
        if not isinstance(self.confidence, Unset):
            confidence = self.confidence.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "cause": cause,
                "cited": cited,
                "evidence": evidence,
                "statement": statement,
            }
        )
        if confidence is not UNSET:
            field_dict["confidence"] = confidence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.finding import Finding  # noqa: PLC0415

        d = dict(src_dict)
        cause = d.pop("cause")

        cited = []
        _cited = d.pop("cited")
        for cited_item_data in _cited:
            cited_item = Finding.from_dict(cited_item_data)

            cited.append(cited_item)

        evidence = cast(list[str], d.pop("evidence"))

        statement = d.pop("statement")

        _confidence = d.pop("confidence", UNSET)
        confidence: CitedHypothesisConfidence | Unset
        if isinstance(_confidence, Unset):
            confidence = UNSET
        else:
            confidence = CitedHypothesisConfidence(_confidence)

        cited_hypothesis = cls(
            cause=cause,
            cited=cited,
            evidence=evidence,
            statement=statement,
            confidence=confidence,
        )

        cited_hypothesis.additional_properties = d
        return cited_hypothesis

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
