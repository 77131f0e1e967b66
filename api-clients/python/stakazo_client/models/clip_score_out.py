from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_ref import ModelRef
    from ..models.score_contribution import ScoreContribution


T = TypeVar("T", bound="ClipScoreOut")


@_attrs_define
class ClipScoreOut:
    """
    Attributes:
        clip_id (UUID):
        contributions (list[ScoreContribution]): Largest in size first.
        enough_data (bool): Enough results for the data to outweigh the defaults.
        message (str):
        model (ModelRef | None): The learnt version in use; null: default weights.
        platform (str):
        results (int): Published posts on this platform with a reading.
        score (float): The sum of the contributions.
        unexplored (bool): Unlike the clips the model learnt from.
    """

    clip_id: UUID
    contributions: list[ScoreContribution]
    enough_data: bool
    message: str
    model: ModelRef | None
    platform: str
    results: int
    score: float
    unexplored: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.model_ref import ModelRef  # noqa: PLC0415

        clip_id = str(self.clip_id)

        contributions = []
        for contributions_item_data in self.contributions:
            contributions_item = contributions_item_data.to_dict()
            contributions.append(contributions_item)

        enough_data = self.enough_data

        message = self.message

        model: dict[str, Any] | None
        if isinstance(self.model, ModelRef):
            model = self.model.to_dict()
        else:
            model = self.model

        platform = self.platform

        results = self.results

        score = self.score

        unexplored = self.unexplored

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "clip_id": clip_id,
                "contributions": contributions,
                "enough_data": enough_data,
                "message": message,
                "model": model,
                "platform": platform,
                "results": results,
                "score": score,
                "unexplored": unexplored,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_ref import ModelRef  # noqa: PLC0415
        from ..models.score_contribution import ScoreContribution  # noqa: PLC0415

        d = dict(src_dict)
        clip_id = UUID(d.pop("clip_id"))

        contributions = []
        _contributions = d.pop("contributions")
        for contributions_item_data in _contributions:
            contributions_item = ScoreContribution.from_dict(contributions_item_data)

            contributions.append(contributions_item)

        enough_data = d.pop("enough_data")

        message = d.pop("message")

        def _parse_model(data: object) -> ModelRef | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                model_type_0 = ModelRef.from_dict(data)

                return model_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelRef | None, data)

        model = _parse_model(d.pop("model"))

        platform = d.pop("platform")

        results = d.pop("results")

        score = d.pop("score")

        unexplored = d.pop("unexplored")

        clip_score_out = cls(
            clip_id=clip_id,
            contributions=contributions,
            enough_data=enough_data,
            message=message,
            model=model,
            platform=platform,
            results=results,
            score=score,
            unexplored=unexplored,
        )

        clip_score_out.additional_properties = d
        return clip_score_out

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
