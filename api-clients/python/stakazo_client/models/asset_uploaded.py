from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.asset_state import AssetState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.asset_uploaded_media_info_type_0 import AssetUploadedMediaInfoType0


T = TypeVar("T", bound="AssetUploaded")


@_attrs_define
class AssetUploaded:
    """
    Attributes:
        created_at (datetime.datetime):
        deduplicated (bool): True when this workspace already had the same file: the existing asset.
        display_name (str): The uploaded file's name, for people; never a path.
        duration_seconds (float | None):
        id (UUID):
        media_info (AssetUploadedMediaInfoType0 | None): What probing found: streams, codecs.
        rejection_reason (None | str): Why the media was refused, when rejected.
        sha256 (str): SHA-256 of the file, hex; the same file is stored once.
        size_bytes (int):
        state (AssetState): uploaded → probing → analyzing → ready. Probing may end in rejected (the file is not a
            usable video) and any step in failed; analysing again starts over from probing.
        transcript_reason (None | str): Why there is no transcript, when none.
        transcript_status (str): pending (speech is recognised after the clips are found and their renders queued; clip
            edges and captions may still be refined), available, or unavailable (see transcript_reason)
        updated_at (datetime.datetime):
        uploaded_by_id (None | UUID):
        workspace_id (UUID):
        source_url (None | str | Unset): Signed, expiring link to the uploaded file; plays in a <video> tag.
        tags (list[str] | Unset): The workspace's labels; campaigns may pick sources by tag.
    """

    created_at: datetime.datetime
    deduplicated: bool
    display_name: str
    duration_seconds: float | None
    id: UUID
    media_info: AssetUploadedMediaInfoType0 | None
    rejection_reason: None | str
    sha256: str
    size_bytes: int
    state: AssetState
    transcript_reason: None | str
    transcript_status: str
    updated_at: datetime.datetime
    uploaded_by_id: None | UUID
    workspace_id: UUID
    source_url: None | str | Unset = UNSET
    tags: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.asset_uploaded_media_info_type_0 import AssetUploadedMediaInfoType0  # noqa: PLC0415

        created_at = self.created_at.isoformat()

        deduplicated = self.deduplicated

        display_name = self.display_name

        duration_seconds: float | None
        duration_seconds = self.duration_seconds

        id = str(self.id)

        media_info: dict[str, Any] | None
        if isinstance(self.media_info, AssetUploadedMediaInfoType0):
            media_info = self.media_info.to_dict()
        else:
            media_info = self.media_info

        rejection_reason: None | str
        rejection_reason = self.rejection_reason

        sha256 = self.sha256

        size_bytes = self.size_bytes

        state = self.state.value

        transcript_reason: None | str
        transcript_reason = self.transcript_reason

        transcript_status = self.transcript_status

        updated_at = self.updated_at.isoformat()

        uploaded_by_id: None | str
        if isinstance(self.uploaded_by_id, UUID):
            uploaded_by_id = str(self.uploaded_by_id)
        else:
            uploaded_by_id = self.uploaded_by_id

        workspace_id = str(self.workspace_id)

        source_url: None | str | Unset
        if isinstance(self.source_url, Unset):
            source_url = UNSET
        else:
            source_url = self.source_url

        tags: list[str] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = self.tags

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "deduplicated": deduplicated,
                "display_name": display_name,
                "duration_seconds": duration_seconds,
                "id": id,
                "media_info": media_info,
                "rejection_reason": rejection_reason,
                "sha256": sha256,
                "size_bytes": size_bytes,
                "state": state,
                "transcript_reason": transcript_reason,
                "transcript_status": transcript_status,
                "updated_at": updated_at,
                "uploaded_by_id": uploaded_by_id,
                "workspace_id": workspace_id,
            }
        )
        if source_url is not UNSET:
            field_dict["source_url"] = source_url
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.asset_uploaded_media_info_type_0 import AssetUploadedMediaInfoType0  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        deduplicated = d.pop("deduplicated")

        display_name = d.pop("display_name")

        def _parse_duration_seconds(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        duration_seconds = _parse_duration_seconds(d.pop("duration_seconds"))

        id = UUID(d.pop("id"))

        def _parse_media_info(data: object) -> AssetUploadedMediaInfoType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                media_info_type_0 = AssetUploadedMediaInfoType0.from_dict(data)

                return media_info_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AssetUploadedMediaInfoType0 | None, data)

        media_info = _parse_media_info(d.pop("media_info"))

        def _parse_rejection_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        rejection_reason = _parse_rejection_reason(d.pop("rejection_reason"))

        sha256 = d.pop("sha256")

        size_bytes = d.pop("size_bytes")

        state = AssetState(d.pop("state"))

        def _parse_transcript_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        transcript_reason = _parse_transcript_reason(d.pop("transcript_reason"))

        transcript_status = d.pop("transcript_status")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_uploaded_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                uploaded_by_id_type_0 = UUID(data)

                return uploaded_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        uploaded_by_id = _parse_uploaded_by_id(d.pop("uploaded_by_id"))

        workspace_id = UUID(d.pop("workspace_id"))

        def _parse_source_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_url = _parse_source_url(d.pop("source_url", UNSET))

        tags = cast(list[str], d.pop("tags", UNSET))

        asset_uploaded = cls(
            created_at=created_at,
            deduplicated=deduplicated,
            display_name=display_name,
            duration_seconds=duration_seconds,
            id=id,
            media_info=media_info,
            rejection_reason=rejection_reason,
            sha256=sha256,
            size_bytes=size_bytes,
            state=state,
            transcript_reason=transcript_reason,
            transcript_status=transcript_status,
            updated_at=updated_at,
            uploaded_by_id=uploaded_by_id,
            workspace_id=workspace_id,
            source_url=source_url,
            tags=tags,
        )

        asset_uploaded.additional_properties = d
        return asset_uploaded

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
