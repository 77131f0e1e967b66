from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.upload_out_state import UploadOutState

T = TypeVar("T", bound="UploadOut")


@_attrs_define
class UploadOut:
    """A tus upload; its URL is in the Location header of POST /v1/uploads/tus.

    Attributes:
        asset_id (None | UUID): The asset, once the last byte arrived.
        created_at (datetime.datetime):
        display_name (str):
        expires_at (datetime.datetime):
        id (UUID):
        length_bytes (int):
        offset_bytes (int): How many bytes the server has; resume from here.
        state (UploadOutState):
    """

    asset_id: None | UUID
    created_at: datetime.datetime
    display_name: str
    expires_at: datetime.datetime
    id: UUID
    length_bytes: int
    offset_bytes: int
    state: UploadOutState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_id: None | str
        if isinstance(self.asset_id, UUID):
            asset_id = str(self.asset_id)
        else:
            asset_id = self.asset_id

        created_at = self.created_at.isoformat()

        display_name = self.display_name

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        length_bytes = self.length_bytes

        offset_bytes = self.offset_bytes

        state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_id": asset_id,
                "created_at": created_at,
                "display_name": display_name,
                "expires_at": expires_at,
                "id": id,
                "length_bytes": length_bytes,
                "offset_bytes": offset_bytes,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_asset_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                asset_id_type_0 = UUID(data)

                return asset_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        asset_id = _parse_asset_id(d.pop("asset_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        display_name = d.pop("display_name")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        length_bytes = d.pop("length_bytes")

        offset_bytes = d.pop("offset_bytes")

        state = UploadOutState(d.pop("state"))

        upload_out = cls(
            asset_id=asset_id,
            created_at=created_at,
            display_name=display_name,
            expires_at=expires_at,
            id=id,
            length_bytes=length_bytes,
            offset_bytes=offset_bytes,
            state=state,
        )

        upload_out.additional_properties = d
        return upload_out

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
