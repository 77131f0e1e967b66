from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.tool_call_out_arguments import ToolCallOutArguments


T = TypeVar("T", bound="ToolCallOut")


@_attrs_define
class ToolCallOut:
    """
    Attributes:
        arguments (ToolCallOutArguments):
        name (str):
        ok (bool):
    """

    arguments: ToolCallOutArguments
    name: str
    ok: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        arguments = self.arguments.to_dict()

        name = self.name

        ok = self.ok

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "arguments": arguments,
                "name": name,
                "ok": ok,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.tool_call_out_arguments import ToolCallOutArguments  # noqa: PLC0415

        d = dict(src_dict)
        arguments = ToolCallOutArguments.from_dict(d.pop("arguments"))

        name = d.pop("name")

        ok = d.pop("ok")

        tool_call_out = cls(
            arguments=arguments,
            name=name,
            ok=ok,
        )

        tool_call_out.additional_properties = d
        return tool_call_out

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
