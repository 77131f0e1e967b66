from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AccountHealth")


@_attrs_define
class AccountHealth:
    """
    Attributes:
        id (UUID):
        platform (str):
        status (str):
        token_expires_at (datetime.datetime | None):
        token_expires_in_days (float | None):
        username (None | str):
        quota_left (int | None | Unset):
        quota_limit (int | None | Unset):
        quota_used (int | None | Unset):
    """

    id: UUID
    platform: str
    status: str
    token_expires_at: datetime.datetime | None
    token_expires_in_days: float | None
    username: None | str
    quota_left: int | None | Unset = UNSET
    quota_limit: int | None | Unset = UNSET
    quota_used: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        platform = self.platform

        status = self.status

        token_expires_at: None | str
        if isinstance(self.token_expires_at, datetime.datetime):
            token_expires_at = self.token_expires_at.isoformat()
        else:
            token_expires_at = self.token_expires_at

        token_expires_in_days: float | None
        token_expires_in_days = self.token_expires_in_days

        username: None | str
        username = self.username

        quota_left: int | None | Unset
        if isinstance(self.quota_left, Unset):
            quota_left = UNSET
        else:
            quota_left = self.quota_left

        quota_limit: int | None | Unset
        if isinstance(self.quota_limit, Unset):
            quota_limit = UNSET
        else:
            quota_limit = self.quota_limit

        quota_used: int | None | Unset
        if isinstance(self.quota_used, Unset):
            quota_used = UNSET
        else:
            quota_used = self.quota_used

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "platform": platform,
                "status": status,
                "token_expires_at": token_expires_at,
                "token_expires_in_days": token_expires_in_days,
                "username": username,
            }
        )
        if quota_left is not UNSET:
            field_dict["quota_left"] = quota_left
        if quota_limit is not UNSET:
            field_dict["quota_limit"] = quota_limit
        if quota_used is not UNSET:
            field_dict["quota_used"] = quota_used

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        platform = d.pop("platform")

        status = d.pop("status")

        def _parse_token_expires_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                token_expires_at_type_0 = datetime.datetime.fromisoformat(data)

                return token_expires_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        token_expires_at = _parse_token_expires_at(d.pop("token_expires_at"))

        def _parse_token_expires_in_days(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        token_expires_in_days = _parse_token_expires_in_days(d.pop("token_expires_in_days"))

        def _parse_username(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        username = _parse_username(d.pop("username"))

        def _parse_quota_left(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quota_left = _parse_quota_left(d.pop("quota_left", UNSET))

        def _parse_quota_limit(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quota_limit = _parse_quota_limit(d.pop("quota_limit", UNSET))

        def _parse_quota_used(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quota_used = _parse_quota_used(d.pop("quota_used", UNSET))

        account_health = cls(
            id=id,
            platform=platform,
            status=status,
            token_expires_at=token_expires_at,
            token_expires_in_days=token_expires_in_days,
            username=username,
            quota_left=quota_left,
            quota_limit=quota_limit,
            quota_used=quota_used,
        )

        account_health.additional_properties = d
        return account_health

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
