from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.cited_hypothesis import CitedHypothesis
    from ..models.cited_recommendation import CitedRecommendation
    from ..models.plan_step import PlanStep


T = TypeVar("T", bound="CitedAnswer")


@_attrs_define
class CitedAnswer:
    """
    Attributes:
        hypotheses (list[CitedHypothesis]):
        plan (list[PlanStep]):
        recommendations (list[CitedRecommendation]):
        summary (str):
    """

    hypotheses: list[CitedHypothesis]
    plan: list[PlanStep]
    recommendations: list[CitedRecommendation]
    summary: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        hypotheses = []
        for hypotheses_item_data in self.hypotheses:
            hypotheses_item = hypotheses_item_data.to_dict()
            hypotheses.append(hypotheses_item)

        plan = []
        for plan_item_data in self.plan:
            plan_item = plan_item_data.to_dict()
            plan.append(plan_item)

        recommendations = []
        for recommendations_item_data in self.recommendations:
            recommendations_item = recommendations_item_data.to_dict()
            recommendations.append(recommendations_item)

        summary = self.summary

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "hypotheses": hypotheses,
                "plan": plan,
                "recommendations": recommendations,
                "summary": summary,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.cited_hypothesis import CitedHypothesis  # noqa: PLC0415
        from ..models.cited_recommendation import CitedRecommendation  # noqa: PLC0415
        from ..models.plan_step import PlanStep  # noqa: PLC0415

        d = dict(src_dict)
        hypotheses = []
        _hypotheses = d.pop("hypotheses")
        for hypotheses_item_data in _hypotheses:
            hypotheses_item = CitedHypothesis.from_dict(hypotheses_item_data)

            hypotheses.append(hypotheses_item)

        plan = []
        _plan = d.pop("plan")
        for plan_item_data in _plan:
            plan_item = PlanStep.from_dict(plan_item_data)

            plan.append(plan_item)

        recommendations = []
        _recommendations = d.pop("recommendations")
        for recommendations_item_data in _recommendations:
            recommendations_item = CitedRecommendation.from_dict(recommendations_item_data)

            recommendations.append(recommendations_item)

        summary = d.pop("summary")

        cited_answer = cls(
            hypotheses=hypotheses,
            plan=plan,
            recommendations=recommendations,
            summary=summary,
        )

        cited_answer.additional_properties = d
        return cited_answer

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
