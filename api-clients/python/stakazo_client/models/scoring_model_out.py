from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.scoring_model_out_kind import ScoringModelOutKind
from ..models.scoring_model_out_state import ScoringModelOutState

if TYPE_CHECKING:
    from ..models.scoring_model_out_weights import ScoringModelOutWeights
    from ..models.training_metrics import TrainingMetrics


T = TypeVar("T", bound="ScoringModelOut")


@_attrs_define
class ScoringModelOut:
    """
    Attributes:
        activated_at (datetime.datetime | None):
        activated_by_id (None | UUID):
        baseline (float):
        created_at (datetime.datetime):
        id (UUID):
        kind (ScoringModelOutKind):
        metrics (TrainingMetrics): Held-out results of a run: the latest quarter of the labelled posts, ranked per
            video.
        note (str):
        platform (str):
        state (ScoringModelOutState):
        trained_by_id (None | UUID):
        training_rows (int):
        version (int):
        weights (ScoringModelOutWeights):
    """

    activated_at: datetime.datetime | None
    activated_by_id: None | UUID
    baseline: float
    created_at: datetime.datetime
    id: UUID
    kind: ScoringModelOutKind
    metrics: TrainingMetrics
    note: str
    platform: str
    state: ScoringModelOutState
    trained_by_id: None | UUID
    training_rows: int
    version: int
    weights: ScoringModelOutWeights
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activated_at: None | str
        if isinstance(self.activated_at, datetime.datetime):
            activated_at = self.activated_at.isoformat()
        else:
            activated_at = self.activated_at

        activated_by_id: None | str
        if isinstance(self.activated_by_id, UUID):
            activated_by_id = str(self.activated_by_id)
        else:
            activated_by_id = self.activated_by_id

        baseline = self.baseline

        created_at = self.created_at.isoformat()

        id = str(self.id)

        kind = self.kind.value

        metrics = self.metrics.to_dict()

        note = self.note

        platform = self.platform

        state = self.state.value

        trained_by_id: None | str
        if isinstance(self.trained_by_id, UUID):
            trained_by_id = str(self.trained_by_id)
        else:
            trained_by_id = self.trained_by_id

        training_rows = self.training_rows

        version = self.version

        weights = self.weights.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activated_at": activated_at,
                "activated_by_id": activated_by_id,
                "baseline": baseline,
                "created_at": created_at,
                "id": id,
                "kind": kind,
                "metrics": metrics,
                "note": note,
                "platform": platform,
                "state": state,
                "trained_by_id": trained_by_id,
                "training_rows": training_rows,
                "version": version,
                "weights": weights,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scoring_model_out_weights import ScoringModelOutWeights  # noqa: PLC0415
        from ..models.training_metrics import TrainingMetrics  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_activated_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activated_at_type_0 = datetime.datetime.fromisoformat(data)

                return activated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        activated_at = _parse_activated_at(d.pop("activated_at"))

        def _parse_activated_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                activated_by_id_type_0 = UUID(data)

                return activated_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        activated_by_id = _parse_activated_by_id(d.pop("activated_by_id"))

        baseline = d.pop("baseline")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        kind = ScoringModelOutKind(d.pop("kind"))

        metrics = TrainingMetrics.from_dict(d.pop("metrics"))

        note = d.pop("note")

        platform = d.pop("platform")

        state = ScoringModelOutState(d.pop("state"))

        def _parse_trained_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                trained_by_id_type_0 = UUID(data)

                return trained_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        trained_by_id = _parse_trained_by_id(d.pop("trained_by_id"))

        training_rows = d.pop("training_rows")

        version = d.pop("version")

        weights = ScoringModelOutWeights.from_dict(d.pop("weights"))

        scoring_model_out = cls(
            activated_at=activated_at,
            activated_by_id=activated_by_id,
            baseline=baseline,
            created_at=created_at,
            id=id,
            kind=kind,
            metrics=metrics,
            note=note,
            platform=platform,
            state=state,
            trained_by_id=trained_by_id,
            training_rows=training_rows,
            version=version,
            weights=weights,
        )

        scoring_model_out.additional_properties = d
        return scoring_model_out

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
