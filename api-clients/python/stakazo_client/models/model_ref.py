from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_ref_kind import ModelRefKind
from ..models.model_ref_state import ModelRefState

T = TypeVar("T", bound="ModelRef")


@_attrs_define
class ModelRef:
    """
    Attributes:
        id (UUID):
        kind (ModelRefKind):
        state (ModelRefState):
        version (int):
    """

    id: UUID
    kind: ModelRefKind
    state: ModelRefState
    version: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        kind = self.kind.value

        state = self.state.value

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "state": state,
                "version": version,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        kind = ModelRefKind(d.pop("kind"))

        state = ModelRefState(d.pop("state"))

        version = d.pop("version")

        model_ref = cls(
            id=id,
            kind=kind,
            state=state,
            version=version,
        )

        model_ref.additional_properties = d
        return model_ref

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
