from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.variant_state import VariantState

if TYPE_CHECKING:
    from ..models.variant_out_checks import VariantOutChecks


T = TypeVar("T", bound="VariantOut")


@_attrs_define
class VariantOut:
    """
    Attributes:
        captions (bool):
        checks (VariantOutChecks):
        clip_id (UUID):
        cover_url (None | str):
        created_at (datetime.datetime):
        duration_seconds (float | None):
        error (None | str):
        height (int | None):
        id (UUID):
        platform (str):
        preview_url (None | str):
        size_bytes (int | None):
        state (VariantState): pending → rendering → ready, or failed. Asked for again, a failed variant (or a ready
            one, with force) is pending once more.
        updated_at (datetime.datetime):
        video_url (None | str): Signed, expiring link; plays in a <video> tag.
        width (int | None):
    """

    captions: bool
    checks: VariantOutChecks
    clip_id: UUID
    cover_url: None | str
    created_at: datetime.datetime
    duration_seconds: float | None
    error: None | str
    height: int | None
    id: UUID
    platform: str
    preview_url: None | str
    size_bytes: int | None
    state: VariantState
    updated_at: datetime.datetime
    video_url: None | str
    width: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        captions = self.captions

        checks = self.checks.to_dict()

        clip_id = str(self.clip_id)

        cover_url: None | str
        cover_url = self.cover_url

        created_at = self.created_at.isoformat()

        duration_seconds: float | None
        duration_seconds = self.duration_seconds

        error: None | str
        error = self.error

        height: int | None
        height = self.height

        id = str(self.id)

        platform = self.platform

        preview_url: None | str
        preview_url = self.preview_url

        size_bytes: int | None
        size_bytes = self.size_bytes

        state = self.state.value

        updated_at = self.updated_at.isoformat()

        video_url: None | str
        video_url = self.video_url

        width: int | None
        width = self.width

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "captions": captions,
                "checks": checks,
                "clip_id": clip_id,
                "cover_url": cover_url,
                "created_at": created_at,
                "duration_seconds": duration_seconds,
                "error": error,
                "height": height,
                "id": id,
                "platform": platform,
                "preview_url": preview_url,
                "size_bytes": size_bytes,
                "state": state,
                "updated_at": updated_at,
                "video_url": video_url,
                "width": width,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.variant_out_checks import VariantOutChecks  # noqa: PLC0415

        d = dict(src_dict)
        captions = d.pop("captions")

        checks = VariantOutChecks.from_dict(d.pop("checks"))

        clip_id = UUID(d.pop("clip_id"))

        def _parse_cover_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        cover_url = _parse_cover_url(d.pop("cover_url"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_duration_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        duration_seconds = _parse_duration_seconds(d.pop("duration_seconds"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_height(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        height = _parse_height(d.pop("height"))

        id = UUID(d.pop("id"))

        platform = d.pop("platform")

        def _parse_preview_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        preview_url = _parse_preview_url(d.pop("preview_url"))

        def _parse_size_bytes(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        size_bytes = _parse_size_bytes(d.pop("size_bytes"))

        state = VariantState(d.pop("state"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_video_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        video_url = _parse_video_url(d.pop("video_url"))

        def _parse_width(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        width = _parse_width(d.pop("width"))

        variant_out = cls(
            captions=captions,
            checks=checks,
            clip_id=clip_id,
            cover_url=cover_url,
            created_at=created_at,
            duration_seconds=duration_seconds,
            error=error,
            height=height,
            id=id,
            platform=platform,
            preview_url=preview_url,
            size_bytes=size_bytes,
            state=state,
            updated_at=updated_at,
            video_url=video_url,
            width=width,
        )

        variant_out.additional_properties = d
        return variant_out

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
