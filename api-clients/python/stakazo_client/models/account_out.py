from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.account_out_platform import AccountOutPlatform
from ..models.account_out_status import AccountOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.notifications_out import NotificationsOut


T = TypeVar("T", bound="AccountOut")


@_attrs_define
class AccountOut:
    """
    Attributes:
        access_expires_at (datetime.datetime | None):
        created_at (datetime.datetime):
        display_name (None | str):
        id (UUID):
        last_error (None | str):
        platform (AccountOutPlatform):
        remote_id (str): The account's id on the platform.
        sandbox (bool): Connected to the built-in sandbox, not the real platform.
        status (AccountOutStatus): `needs_reauth`: the platform stopped accepting our tokens; connect again.
        updated_at (datetime.datetime):
        username (str):
        notifications (None | NotificationsOut | Unset): Notices the platform pushes about this account's posts; null
            where it sends none this way (Instagram, TikTok) or the account is not connected.
    """

    access_expires_at: datetime.datetime | None
    created_at: datetime.datetime
    display_name: None | str
    id: UUID
    last_error: None | str
    platform: AccountOutPlatform
    remote_id: str
    sandbox: bool
    status: AccountOutStatus
    updated_at: datetime.datetime
    username: str
    notifications: None | NotificationsOut | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.notifications_out import NotificationsOut  # noqa: PLC0415

        access_expires_at: None | str
        if isinstance(self.access_expires_at, datetime.datetime):
            access_expires_at = self.access_expires_at.isoformat()
        else:
            access_expires_at = self.access_expires_at

        created_at = self.created_at.isoformat()

        display_name: None | str
        display_name = self.display_name

        id = str(self.id)

        last_error: None | str
        last_error = self.last_error

        platform = self.platform.value

        remote_id = self.remote_id

        sandbox = self.sandbox

        status = self.status.value

        updated_at = self.updated_at.isoformat()

        username = self.username

        notifications: dict[str, Any] | None | Unset
        if isinstance(self.notifications, Unset):
            notifications = UNSET
        elif isinstance(self.notifications, NotificationsOut):
            notifications = self.notifications.to_dict()
        else:
            notifications = self.notifications

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "access_expires_at": access_expires_at,
                "created_at": created_at,
                "display_name": display_name,
                "id": id,
                "last_error": last_error,
                "platform": platform,
                "remote_id": remote_id,
                "sandbox": sandbox,
                "status": status,
                "updated_at": updated_at,
                "username": username,
            }
        )
        if notifications is not UNSET:
            field_dict["notifications"] = notifications

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.notifications_out import NotificationsOut  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_access_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                access_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return access_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        access_expires_at = _parse_access_expires_at(d.pop("access_expires_at"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_display_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        display_name = _parse_display_name(d.pop("display_name"))

        id = UUID(d.pop("id"))

        def _parse_last_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        last_error = _parse_last_error(d.pop("last_error"))

        platform = AccountOutPlatform(d.pop("platform"))

        remote_id = d.pop("remote_id")

        sandbox = d.pop("sandbox")

        status = AccountOutStatus(d.pop("status"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        username = d.pop("username")

        def _parse_notifications(data: object) -> None | NotificationsOut | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                notifications_type_0 = NotificationsOut.from_dict(data)

                return notifications_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | NotificationsOut | Unset, data)

        notifications = _parse_notifications(d.pop("notifications", UNSET))

        account_out = cls(
            access_expires_at=access_expires_at,
            created_at=created_at,
            display_name=display_name,
            id=id,
            last_error=last_error,
            platform=platform,
            remote_id=remote_id,
            sandbox=sandbox,
            status=status,
            updated_at=updated_at,
            username=username,
            notifications=notifications,
        )

        account_out.additional_properties = d
        return account_out

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
