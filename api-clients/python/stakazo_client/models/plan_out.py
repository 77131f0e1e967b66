from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.pick_out import PickOut
    from ..models.skip_out import SkipOut


T = TypeVar("T", bound="PlanOut")


@_attrs_define
class PlanOut:
    """
    Attributes:
        applied (bool):
        created (int): Posts (and publications) written by this call.
        kept (int): Slots already filled by earlier runs, left as they are.
        picks (list[PickOut]):
        skips (list[SkipOut]):
    """

    applied: bool
    created: int
    kept: int
    picks: list[PickOut]
    skips: list[SkipOut]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        applied = self.applied

        created = self.created

        kept = self.kept

        picks = []
        for picks_item_data in self.picks:
            picks_item = picks_item_data.to_dict()
            picks.append(picks_item)

        skips = []
        for skips_item_data in self.skips:
            skips_item = skips_item_data.to_dict()
            skips.append(skips_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "applied": applied,
                "created": created,
                "kept": kept,
                "picks": picks,
                "skips": skips,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.pick_out import PickOut  # noqa: PLC0415
        from ..models.skip_out import SkipOut  # noqa: PLC0415

        d = dict(src_dict)
        applied = d.pop("applied")

        created = d.pop("created")

        kept = d.pop("kept")

        picks = []
        _picks = d.pop("picks")
        for picks_item_data in _picks:
            picks_item = PickOut.from_dict(picks_item_data)

            picks.append(picks_item)

        skips = []
        _skips = d.pop("skips")
        for skips_item_data in _skips:
            skips_item = SkipOut.from_dict(skips_item_data)

            skips.append(skips_item)

        plan_out = cls(
            applied=applied,
            created=created,
            kept=kept,
            picks=picks,
            skips=skips,
        )

        plan_out.additional_properties = d
        return plan_out

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
