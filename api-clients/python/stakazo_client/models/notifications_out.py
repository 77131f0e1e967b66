from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.notifications_out_state import NotificationsOutState

T = TypeVar("T", bound="NotificationsOut")


@_attrs_define
class NotificationsOut:
    """The account's push notifications from the platform (YouTube's upload notices).

    Attributes:
        confirmed_at (datetime.datetime | None): When the platform last checked back that we want its notices: they come
            from then on. Null: not live yet.
        error (None | str):
        state (NotificationsOutState): `pending`: being asked for; `active`: the platform accepted the request (renewed
            before it lapses); `dead`: asking kept failing (see `error`; retry it from GET /v1/outbox).
    """

    confirmed_at: datetime.datetime | None
    error: None | str
    state: NotificationsOutState
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        confirmed_at: None | str
        if isinstance(self.confirmed_at, datetime.datetime):
            confirmed_at = self.confirmed_at.isoformat()
        else:
            confirmed_at = self.confirmed_at

        error: None | str
        error = self.error

        state = self.state.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "confirmed_at": confirmed_at,
                "error": error,
                "state": state,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_confirmed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                confirmed_at_type_0 = datetime.datetime.fromisoformat(data)

                return confirmed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        confirmed_at = _parse_confirmed_at(d.pop("confirmed_at"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        state = NotificationsOutState(d.pop("state"))

        notifications_out = cls(
            confirmed_at=confirmed_at,
            error=error,
            state=state,
        )

        notifications_out.additional_properties = d
        return notifications_out

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
