from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.publication_counts_by_platform import PublicationCountsByPlatform
    from ..models.publication_counts_by_state import PublicationCountsByState


T = TypeVar("T", bound="PublicationCounts")


@_attrs_define
class PublicationCounts:
    """
    Attributes:
        by_platform (PublicationCountsByPlatform): platform -> state -> count
        by_state (PublicationCountsByState):
    """

    by_platform: PublicationCountsByPlatform
    by_state: PublicationCountsByState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        by_platform = self.by_platform.to_dict()

        by_state = self.by_state.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "by_platform": by_platform,
                "by_state": by_state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.publication_counts_by_platform import PublicationCountsByPlatform  # noqa: PLC0415
        from ..models.publication_counts_by_state import PublicationCountsByState  # noqa: PLC0415

        d = dict(src_dict)
        by_platform = PublicationCountsByPlatform.from_dict(d.pop("by_platform"))

        by_state = PublicationCountsByState.from_dict(d.pop("by_state"))

        publication_counts = cls(
            by_platform=by_platform,
            by_state=by_state,
        )

        publication_counts.additional_properties = d
        return publication_counts

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
