from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.account_out import AccountOut


T = TypeVar("T", bound="ConnectResult")


@_attrs_define
class ConnectResult:
    """
    Attributes:
        account (AccountOut):
        return_to (None | str):
    """

    account: AccountOut
    return_to: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account = self.account.to_dict()

        return_to: None | str
        return_to = self.return_to

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account": account,
                "return_to": return_to,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.account_out import AccountOut  # noqa: PLC0415

        d = dict(src_dict)
        account = AccountOut.from_dict(d.pop("account"))

        def _parse_return_to(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        return_to = _parse_return_to(d.pop("return_to"))

        connect_result = cls(
            account=account,
            return_to=return_to,
        )

        connect_result.additional_properties = d
        return connect_result

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
