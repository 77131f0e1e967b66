from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.preflight_problem import PreflightProblem


T = TypeVar("T", bound="PreflightOut")


@_attrs_define
class PreflightOut:
    """
    Attributes:
        ok (bool): False when the platform would refuse the publication.
        problems (list[PreflightProblem]):
    """

    ok: bool
    problems: list[PreflightProblem]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ok = self.ok

        problems = []
        for problems_item_data in self.problems:
            problems_item = problems_item_data.to_dict()
            problems.append(problems_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ok": ok,
                "problems": problems,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.preflight_problem import PreflightProblem  # noqa: PLC0415

        d = dict(src_dict)
        ok = d.pop("ok")

        problems = []
        _problems = d.pop("problems")
        for problems_item_data in _problems:
            problems_item = PreflightProblem.from_dict(problems_item_data)

            problems.append(problems_item)

        preflight_out = cls(
            ok=ok,
            problems=problems,
        )

        preflight_out.additional_properties = d
        return preflight_out

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
