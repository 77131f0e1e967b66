from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.state_counts import StateCounts


T = TypeVar("T", bound="Overview")


@_attrs_define
class Overview:
    """
    Attributes:
        assets (StateCounts):
        clips (StateCounts):
        jobs (StateCounts):
        publications (StateCounts):
    """

    assets: StateCounts
    clips: StateCounts
    jobs: StateCounts
    publications: StateCounts
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        assets = self.assets.to_dict()

        clips = self.clips.to_dict()

        jobs = self.jobs.to_dict()

        publications = self.publications.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "assets": assets,
                "clips": clips,
                "jobs": jobs,
                "publications": publications,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.state_counts import StateCounts  # noqa: PLC0415

        d = dict(src_dict)
        assets = StateCounts.from_dict(d.pop("assets"))

        clips = StateCounts.from_dict(d.pop("clips"))

        jobs = StateCounts.from_dict(d.pop("jobs"))

        publications = StateCounts.from_dict(d.pop("publications"))

        overview = cls(
            assets=assets,
            clips=clips,
            jobs=jobs,
            publications=publications,
        )

        overview.additional_properties = d
        return overview

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
