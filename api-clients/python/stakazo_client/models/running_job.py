from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RunningJob")


@_attrs_define
class RunningJob:
    """
    Attributes:
        expected_seconds (float | None): The p95 duration of this job type over the last day, when known.
        id (UUID):
        progress (int):
        running_seconds (float):
        started_at (datetime.datetime | None):
        type_ (str):
        asset_id (None | Unset | UUID):
        clip_id (None | Unset | UUID):
    """

    expected_seconds: float | None
    id: UUID
    progress: int
    running_seconds: float
    started_at: datetime.datetime | None
    type_: str
    asset_id: None | Unset | UUID = UNSET
    clip_id: None | Unset | UUID = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        expected_seconds: float | None
        expected_seconds = self.expected_seconds

        id = str(self.id)

        progress = self.progress

        running_seconds = self.running_seconds

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        type_ = self.type_

        asset_id: None | str | Unset
        if isinstance(self.asset_id, Unset):
            asset_id = UNSET
        elif isinstance(self.asset_id, UUID):
            asset_id = str(self.asset_id)
        else:
            asset_id = self.asset_id

        clip_id: None | str | Unset
        if isinstance(self.clip_id, Unset):
            clip_id = UNSET
        elif isinstance(self.clip_id, UUID):
            clip_id = str(self.clip_id)
        else:
            clip_id = self.clip_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "expected_seconds": expected_seconds,
                "id": id,
                "progress": progress,
                "running_seconds": running_seconds,
                "started_at": started_at,
                "type": type_,
            }
        )
        if asset_id is not UNSET:
            field_dict["asset_id"] = asset_id
        if clip_id is not UNSET:
            field_dict["clip_id"] = clip_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_expected_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        expected_seconds = _parse_expected_seconds(d.pop("expected_seconds"))

        id = UUID(d.pop("id"))

        progress = d.pop("progress")

        running_seconds = d.pop("running_seconds")

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        type_ = d.pop("type")

        def _parse_asset_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                asset_id_type_0 = UUID(data)

                return asset_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        asset_id = _parse_asset_id(d.pop("asset_id", UNSET))

        def _parse_clip_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clip_id_type_0 = UUID(data)

                return clip_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        clip_id = _parse_clip_id(d.pop("clip_id", UNSET))

        running_job = cls(
            expected_seconds=expected_seconds,
            id=id,
            progress=progress,
            running_seconds=running_seconds,
            started_at=started_at,
            type_=type_,
            asset_id=asset_id,
            clip_id=clip_id,
        )

        running_job.additional_properties = d
        return running_job

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
