from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.clip_detail_status import ClipDetailStatus

if TYPE_CHECKING:
    from ..models.clip_detail_breakdown import ClipDetailBreakdown
    from ..models.clip_detail_duration_fit import ClipDetailDurationFit
    from ..models.clip_detail_features import ClipDetailFeatures
    from ..models.clip_detail_scores import ClipDetailScores
    from ..models.variant_out import VariantOut


T = TypeVar("T", bound="ClipDetail")


@_attrs_define
class ClipDetail:
    """
    Attributes:
        asset_id (UUID):
        breakdown (ClipDetailBreakdown): Per platform: each feature's value, its weight and their product.
        created_at (datetime.datetime):
        duration_fit (ClipDetailDurationFit): How well the length suits each platform.
        duration_seconds (float):
        end_seconds (float):
        features (ClipDetailFeatures):
        id (UUID):
        rank (int):
        score (float): The best of the per-platform scores.
        scores (ClipDetailScores):
        start_seconds (float):
        status (ClipDetailStatus):
        transcript (None | str):
        variants (list[VariantOut]):
        weights_version (int):
    """

    asset_id: UUID
    breakdown: ClipDetailBreakdown
    created_at: datetime.datetime
    duration_fit: ClipDetailDurationFit
    duration_seconds: float
    end_seconds: float
    features: ClipDetailFeatures
    id: UUID
    rank: int
    score: float
    scores: ClipDetailScores
    start_seconds: float
    status: ClipDetailStatus
    transcript: None | str
    variants: list[VariantOut]
    weights_version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_id = str(self.asset_id)

        breakdown = self.breakdown.to_dict()

        created_at = self.created_at.isoformat()

        duration_fit = self.duration_fit.to_dict()

        duration_seconds = self.duration_seconds

        end_seconds = self.end_seconds

        features = self.features.to_dict()

        id = str(self.id)

        rank = self.rank

        score = self.score

        scores = self.scores.to_dict()

        start_seconds = self.start_seconds

        status = self.status.value

        transcript: None | str
        transcript = self.transcript

        variants = []
        for variants_item_data in self.variants:
            variants_item = variants_item_data.to_dict()
            variants.append(variants_item)

        weights_version = self.weights_version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_id": asset_id,
                "breakdown": breakdown,
                "created_at": created_at,
                "duration_fit": duration_fit,
                "duration_seconds": duration_seconds,
                "end_seconds": end_seconds,
                "features": features,
                "id": id,
                "rank": rank,
                "score": score,
                "scores": scores,
                "start_seconds": start_seconds,
                "status": status,
                "transcript": transcript,
                "variants": variants,
                "weights_version": weights_version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.clip_detail_breakdown import ClipDetailBreakdown  # noqa: PLC0415
        from ..models.clip_detail_duration_fit import ClipDetailDurationFit  # noqa: PLC0415
        from ..models.clip_detail_features import ClipDetailFeatures  # noqa: PLC0415
        from ..models.clip_detail_scores import ClipDetailScores  # noqa: PLC0415
        from ..models.variant_out import VariantOut  # noqa: PLC0415

        d = dict(src_dict)
        asset_id = UUID(d.pop("asset_id"))

        breakdown = ClipDetailBreakdown.from_dict(d.pop("breakdown"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        duration_fit = ClipDetailDurationFit.from_dict(d.pop("duration_fit"))

        duration_seconds = d.pop("duration_seconds")

        end_seconds = d.pop("end_seconds")

        features = ClipDetailFeatures.from_dict(d.pop("features"))

        id = UUID(d.pop("id"))

        rank = d.pop("rank")

        score = d.pop("score")

        scores = ClipDetailScores.from_dict(d.pop("scores"))

        start_seconds = d.pop("start_seconds")

        status = ClipDetailStatus(d.pop("status"))

        def _parse_transcript(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        transcript = _parse_transcript(d.pop("transcript"))

        variants = []
        _variants = d.pop("variants")
        for variants_item_data in _variants:
            variants_item = VariantOut.from_dict(variants_item_data)

            variants.append(variants_item)

        weights_version = d.pop("weights_version")

        clip_detail = cls(
            asset_id=asset_id,
            breakdown=breakdown,
            created_at=created_at,
            duration_fit=duration_fit,
            duration_seconds=duration_seconds,
            end_seconds=end_seconds,
            features=features,
            id=id,
            rank=rank,
            score=score,
            scores=scores,
            start_seconds=start_seconds,
            status=status,
            transcript=transcript,
            variants=variants,
            weights_version=weights_version,
        )

        clip_detail.additional_properties = d
        return clip_detail

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
