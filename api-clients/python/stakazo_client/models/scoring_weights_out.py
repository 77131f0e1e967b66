from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.scoring_weights_out_weights import ScoringWeightsOutWeights


T = TypeVar("T", bound="ScoringWeightsOut")


@_attrs_define
class ScoringWeightsOut:
    """
    Attributes:
        activated_at (datetime.datetime | None):
        created_at (datetime.datetime):
        id (UUID):
        notes (str):
        version (int):
        weights (ScoringWeightsOutWeights):
    """

    activated_at: datetime.datetime | None
    created_at: datetime.datetime
    id: UUID
    notes: str
    version: int
    weights: ScoringWeightsOutWeights
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        activated_at: None | str
        if isinstance(self.activated_at, datetime.datetime):
            activated_at = self.activated_at.isoformat()
        else:
            activated_at = self.activated_at

        created_at = self.created_at.isoformat()

        id = str(self.id)

        notes = self.notes

        version = self.version

        weights = self.weights.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "activated_at": activated_at,
                "created_at": created_at,
                "id": id,
                "notes": notes,
                "version": version,
                "weights": weights,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.scoring_weights_out_weights import ScoringWeightsOutWeights  # noqa: PLC0415

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

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        id = UUID(d.pop("id"))

        notes = d.pop("notes")

        version = d.pop("version")

        weights = ScoringWeightsOutWeights.from_dict(d.pop("weights"))

        scoring_weights_out = cls(
            activated_at=activated_at,
            created_at=created_at,
            id=id,
            notes=notes,
            version=version,
            weights=weights,
        )

        scoring_weights_out.additional_properties = d
        return scoring_weights_out

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
