from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClipVersion")


@_attrs_define
class ClipVersion:
    """
    Attributes:
        caption_preset (None | str):
        created_at (datetime.datetime):
        end_seconds (float):
        id (UUID):
        latest (bool):
        start_seconds (float):
        version (int):
    """

    caption_preset: None | str
    created_at: datetime.datetime
    end_seconds: float
    id: UUID
    latest: bool
    start_seconds: float
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        caption_preset: None | str
        caption_preset = self.caption_preset

        created_at = self.created_at.isoformat()

        end_seconds = self.end_seconds

        id = str(self.id)

        latest = self.latest

        start_seconds = self.start_seconds

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "caption_preset": caption_preset,
                "created_at": created_at,
                "end_seconds": end_seconds,
                "id": id,
                "latest": latest,
                "start_seconds": start_seconds,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_caption_preset(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        caption_preset = _parse_caption_preset(d.pop("caption_preset"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        end_seconds = d.pop("end_seconds")

        id = UUID(d.pop("id"))

        latest = d.pop("latest")

        start_seconds = d.pop("start_seconds")

        version = d.pop("version")

        clip_version = cls(
            caption_preset=caption_preset,
            created_at=created_at,
            end_seconds=end_seconds,
            id=id,
            latest=latest,
            start_seconds=start_seconds,
            version=version,
        )

        clip_version.additional_properties = d
        return clip_version

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
