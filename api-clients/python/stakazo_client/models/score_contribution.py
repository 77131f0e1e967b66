from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ScoreContribution")


@_attrs_define
class ScoreContribution:
    """
    Attributes:
        contribution (float): value x weight
        feature (str): A clip feature, or 'baseline' (the model's constant).
        value (float):
        weight (float):
    """

    contribution: float
    feature: str
    value: float
    weight: float
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        contribution = self.contribution

        feature = self.feature

        value = self.value

        weight = self.weight

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "contribution": contribution,
                "feature": feature,
                "value": value,
                "weight": weight,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        contribution = d.pop("contribution")

        feature = d.pop("feature")

        value = d.pop("value")

        weight = d.pop("weight")

        score_contribution = cls(
            contribution=contribution,
            feature=feature,
            value=value,
            weight=weight,
        )

        score_contribution.additional_properties = d
        return score_contribution

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
