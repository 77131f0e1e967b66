from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TrainingMetrics")


@_attrs_define
class TrainingMetrics:
    """Held-out results of a run: the latest quarter of the labelled posts, ranked per video.

    Attributes:
        active_version (int | None | Unset): The version in use then; null means the default weights.
        enough_data (bool | Unset):  Default: False.
        groups (int | Unset): Source videos with two training posts or more. Default: 0.
        heldout_groups (int | Unset):  Default: 0.
        heldout_rows (int | Unset):  Default: 0.
        improvement (float | None | Unset): ndcg5_candidate / ndcg5_active - 1.
        ndcg5_active (float | None | Unset): NDCG@5 of the scorer in use when it was trained, same period.
        ndcg5_candidate (float | None | Unset): NDCG@5 of this version on the held-out period (null: nothing to rank).
        period_from (datetime.datetime | None | Unset):
        period_to (datetime.datetime | None | Unset):
        prior_strength (float | Unset): How much the default weights still counted (1 = all, 0 = none). Default: 1.0.
        required_improvement (float | Unset):  Default: 0.1.
        results (int | Unset): Labelled publications (a reading at 48 h or 7 days). Default: 0.
        train_rows (int | Unset):  Default: 0.
    """

    active_version: int | None | Unset = UNSET
    enough_data: bool | Unset = False
    groups: int | Unset = 0
    heldout_groups: int | Unset = 0
    heldout_rows: int | Unset = 0
    improvement: float | None | Unset = UNSET
    ndcg5_active: float | None | Unset = UNSET
    ndcg5_candidate: float | None | Unset = UNSET
    period_from: datetime.datetime | None | Unset = UNSET
    period_to: datetime.datetime | None | Unset = UNSET
    prior_strength: float | Unset = 1.0
    required_improvement: float | Unset = 0.1
    results: int | Unset = 0
    train_rows: int | Unset = 0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        active_version: int | None | Unset
        if isinstance(self.active_version, Unset):
            active_version = UNSET
        else:
            active_version = self.active_version

        enough_data = self.enough_data

        groups = self.groups

        heldout_groups = self.heldout_groups

        heldout_rows = self.heldout_rows

        improvement: float | None | Unset
        if isinstance(self.improvement, Unset):
            improvement = UNSET
        else:
            improvement = self.improvement

        ndcg5_active: float | None | Unset
        if isinstance(self.ndcg5_active, Unset):
            ndcg5_active = UNSET
        else:
            ndcg5_active = self.ndcg5_active

        ndcg5_candidate: float | None | Unset
        if isinstance(self.ndcg5_candidate, Unset):
            ndcg5_candidate = UNSET
        else:
            ndcg5_candidate = self.ndcg5_candidate

        period_from: None | str | Unset
        if isinstance(self.period_from, Unset):
            period_from = UNSET
        elif isinstance(self.period_from, datetime.datetime):
            period_from = self.period_from.isoformat()
        else:
            period_from = self.period_from

        period_to: None | str | Unset
        if isinstance(self.period_to, Unset):
            period_to = UNSET
        elif isinstance(self.period_to, datetime.datetime):
            period_to = self.period_to.isoformat()
        else:
            period_to = self.period_to

        prior_strength = self.prior_strength

        required_improvement = self.required_improvement

        results = self.results

        train_rows = self.train_rows

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if active_version is not UNSET:
            field_dict["active_version"] = active_version
        if enough_data is not UNSET:
            field_dict["enough_data"] = enough_data
        if groups is not UNSET:
            field_dict["groups"] = groups
        if heldout_groups is not UNSET:
            field_dict["heldout_groups"] = heldout_groups
        if heldout_rows is not UNSET:
            field_dict["heldout_rows"] = heldout_rows
        if improvement is not UNSET:
            field_dict["improvement"] = improvement
        if ndcg5_active is not UNSET:
            field_dict["ndcg5_active"] = ndcg5_active
        if ndcg5_candidate is not UNSET:
            field_dict["ndcg5_candidate"] = ndcg5_candidate
        if period_from is not UNSET:
            field_dict["period_from"] = period_from
        if period_to is not UNSET:
            field_dict["period_to"] = period_to
        if prior_strength is not UNSET:
            field_dict["prior_strength"] = prior_strength
        if required_improvement is not UNSET:
            field_dict["required_improvement"] = required_improvement
        if results is not UNSET:
            field_dict["results"] = results
        if train_rows is not UNSET:
            field_dict["train_rows"] = train_rows

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_active_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        active_version = _parse_active_version(d.pop("active_version", UNSET))

        enough_data = d.pop("enough_data", UNSET)

        groups = d.pop("groups", UNSET)

        heldout_groups = d.pop("heldout_groups", UNSET)

        heldout_rows = d.pop("heldout_rows", UNSET)

        def _parse_improvement(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        improvement = _parse_improvement(d.pop("improvement", UNSET))

        def _parse_ndcg5_active(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ndcg5_active = _parse_ndcg5_active(d.pop("ndcg5_active", UNSET))

        def _parse_ndcg5_candidate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        ndcg5_candidate = _parse_ndcg5_candidate(d.pop("ndcg5_candidate", UNSET))

        def _parse_period_from(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_from_type_0 = datetime.datetime.fromisoformat(data)

                return period_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        period_from = _parse_period_from(d.pop("period_from", UNSET))

        def _parse_period_to(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                period_to_type_0 = datetime.datetime.fromisoformat(data)

                return period_to_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        period_to = _parse_period_to(d.pop("period_to", UNSET))

        prior_strength = d.pop("prior_strength", UNSET)

        required_improvement = d.pop("required_improvement", UNSET)

        results = d.pop("results", UNSET)

        train_rows = d.pop("train_rows", UNSET)

        training_metrics = cls(
            active_version=active_version,
            enough_data=enough_data,
            groups=groups,
            heldout_groups=heldout_groups,
            heldout_rows=heldout_rows,
            improvement=improvement,
            ndcg5_active=ndcg5_active,
            ndcg5_candidate=ndcg5_candidate,
            period_from=period_from,
            period_to=period_to,
            prior_strength=prior_strength,
            required_improvement=required_improvement,
            results=results,
            train_rows=train_rows,
        )

        training_metrics.additional_properties = d
        return training_metrics

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
