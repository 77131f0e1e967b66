from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.invitation_out_role import InvitationOutRole
from ..models.invitation_out_state import InvitationOutState

T = TypeVar("T", bound="InvitationOut")


@_attrs_define
class InvitationOut:
    """
    Attributes:
        created_at (datetime.datetime):
        email (str):
        expires_at (datetime.datetime):
        id (UUID):
        invited_by_id (None | UUID):
        role (InvitationOutRole):
        state (InvitationOutState):
        workspace_id (UUID):
        workspace_name (str):
    """

    created_at: datetime.datetime
    email: str
    expires_at: datetime.datetime
    id: UUID
    invited_by_id: None | UUID
    role: InvitationOutRole
    state: InvitationOutState
    workspace_id: UUID
    workspace_name: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        email = self.email

        expires_at = self.expires_at.isoformat()

        id = str(self.id)

        invited_by_id: None | str
        if isinstance(self.invited_by_id, UUID):
            invited_by_id = str(self.invited_by_id)
        else:
            invited_by_id = self.invited_by_id

        role = self.role.value

        state = self.state.value

        workspace_id = str(self.workspace_id)

        workspace_name = self.workspace_name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "email": email,
                "expires_at": expires_at,
                "id": id,
                "invited_by_id": invited_by_id,
                "role": role,
                "state": state,
                "workspace_id": workspace_id,
                "workspace_name": workspace_name,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        email = d.pop("email")

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        id = UUID(d.pop("id"))

        def _parse_invited_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                invited_by_id_type_0 = UUID(data)

                return invited_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        invited_by_id = _parse_invited_by_id(d.pop("invited_by_id"))

        role = InvitationOutRole(d.pop("role"))

        state = InvitationOutState(d.pop("state"))

        workspace_id = UUID(d.pop("workspace_id"))

        workspace_name = d.pop("workspace_name")

        invitation_out = cls(
            created_at=created_at,
            email=email,
            expires_at=expires_at,
            id=id,
            invited_by_id=invited_by_id,
            role=role,
            state=state,
            workspace_id=workspace_id,
            workspace_name=workspace_name,
        )

        invitation_out.additional_properties = d
        return invitation_out

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
