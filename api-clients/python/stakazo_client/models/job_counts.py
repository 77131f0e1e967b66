from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.job_counts_by_state import JobCountsByState
    from ..models.job_counts_by_type import JobCountsByType


T = TypeVar("T", bound="JobCounts")


@_attrs_define
class JobCounts:
    """
    Attributes:
        by_state (JobCountsByState):
        by_type (JobCountsByType): type -> state -> count
    """

    by_state: JobCountsByState
    by_type: JobCountsByType
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_state = self.by_state.to_dict()

        by_type = self.by_type.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_state": by_state,
                "by_type": by_type,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_counts_by_state import JobCountsByState  # noqa: PLC0415
        from ..models.job_counts_by_type import JobCountsByType  # noqa: PLC0415

        d = dict(src_dict)
        by_state = JobCountsByState.from_dict(d.pop("by_state"))

        by_type = JobCountsByType.from_dict(d.pop("by_type"))

        job_counts = cls(
            by_state=by_state,
            by_type=by_type,
        )

        job_counts.additional_properties = d
        return job_counts

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
