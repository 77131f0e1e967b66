from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LedgerVerification")


@_attrs_define
class LedgerVerification:
    """
    Attributes:
        events_checked (int): How many events of the chain were verified.
        head_sequence (int | None): `chain_seq` of the chain's newest verified event.
        intact (bool): Whether this workspace's chain holds.
        first_broken_sequence (int | None | Unset): `chain_seq` of the first event that does not hold.
        problem (None | str | Unset):
    """

    events_checked: int
    head_sequence: int | None
    intact: bool
    first_broken_sequence: int | None | Unset = UNSET
    problem: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        events_checked = self.events_checked

        head_sequence: int | None
        head_sequence = self.head_sequence

        intact = self.intact

        first_broken_sequence: int | None | Unset
        if isinstance(self.first_broken_sequence, Unset):
            first_broken_sequence = UNSET
        else:
            first_broken_sequence = self.first_broken_sequence

        problem: None | str | Unset
        if isinstance(self.problem, Unset):
            problem = UNSET
        else:
            problem = self.problem

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "events_checked": events_checked,
                "head_sequence": head_sequence,
                "intact": intact,
            }
        )
        if first_broken_sequence is not UNSET:
            field_dict["first_broken_sequence"] = first_broken_sequence
        if problem is not UNSET:
            field_dict["problem"] = problem

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        events_checked = d.pop("events_checked")

        def _parse_head_sequence(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        head_sequence = _parse_head_sequence(d.pop("head_sequence"))

        intact = d.pop("intact")

        def _parse_first_broken_sequence(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        first_broken_sequence = _parse_first_broken_sequence(d.pop("first_broken_sequence", UNSET))

        def _parse_problem(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        problem = _parse_problem(d.pop("problem", UNSET))

        ledger_verification = cls(
            events_checked=events_checked,
            head_sequence=head_sequence,
            intact=intact,
            first_broken_sequence=first_broken_sequence,
            problem=problem,
        )

        ledger_verification.additional_properties = d
        return ledger_verification

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
