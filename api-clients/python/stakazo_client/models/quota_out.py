from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quota_out_mode import QuotaOutMode
from ..models.quota_out_source import QuotaOutSource
from ..models.quota_out_window_type_0 import QuotaOutWindowType0

T = TypeVar("T", bound="QuotaOut")


@_attrs_define
class QuotaOut:
    """An account's publishing allowance now.

    Attributes:
        account_id (UUID):
        limit (int | None):
        mode (QuotaOutMode): The kind of post asked about (TikTok drafts count nowhere).
        platform (str):
        remaining (int | None): Posts that still fit now.
        resets_at (datetime.datetime | None): When room frees up: the oldest counted post leaves a rolling day, or the
            next midnight Pacific. Null when nothing is used or it is not known.
        source (QuotaOutSource): `platform`: as the platform reports it (Instagram); `counted`: Stakazo counts its own
            posts against the platform's documented limit (TikTok's daily cap, YouTube's daily upload quota); `unlimited`:
            no limit applies to this mode.
        used (int | None): Posts that count against the allowance in its window.
        window (None | QuotaOutWindowType0): `rolling_day`: the last 24 hours; `pacific_day`: since midnight Pacific.
    """

    account_id: UUID
    limit: int | None
    mode: QuotaOutMode
    platform: str
    remaining: int | None
    resets_at: datetime.datetime | None
    source: QuotaOutSource
    used: int | None
    window: None | QuotaOutWindowType0
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        limit: int | None
        limit = self.limit

        mode = self.mode.value

        platform = self.platform

        remaining: int | None
        remaining = self.remaining

        resets_at: None | str
        if isinstance(self.resets_at, datetime.datetime):
            resets_at = self.resets_at.isoformat()
        else:
            resets_at = self.resets_at

        source = self.source.value

        used: int | None
        used = self.used

        window: None | str
        if isinstance(self.window, QuotaOutWindowType0):
            window = self.window.value
        else:
            window = self.window

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "limit": limit,
                "mode": mode,
                "platform": platform,
                "remaining": remaining,
                "resets_at": resets_at,
                "source": source,
                "used": used,
                "window": window,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))

        def _parse_limit(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        limit = _parse_limit(d.pop("limit"))

        mode = QuotaOutMode(d.pop("mode"))

        platform = d.pop("platform")

        def _parse_remaining(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        remaining = _parse_remaining(d.pop("remaining"))

        def _parse_resets_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                resets_at_type_0 = datetime.datetime.fromisoformat(data)

                return resets_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        resets_at = _parse_resets_at(d.pop("resets_at"))

        source = QuotaOutSource(d.pop("source"))

        def _parse_used(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        used = _parse_used(d.pop("used"))

        def _parse_window(data: object) -> None | QuotaOutWindowType0:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                window_type_0 = QuotaOutWindowType0(data)

                return window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | QuotaOutWindowType0, data)

        window = _parse_window(d.pop("window"))

        quota_out = cls(
            account_id=account_id,
            limit=limit,
            mode=mode,
            platform=platform,
            remaining=remaining,
            resets_at=resets_at,
            source=source,
            used=used,
            window=window,
        )

        quota_out.additional_properties = d
        return quota_out

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
