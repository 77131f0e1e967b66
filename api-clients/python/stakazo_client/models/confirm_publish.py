from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.publication_spec import PublicationSpec


T = TypeVar("T", bound="ConfirmPublish")


@_attrs_define
class ConfirmPublish:
    """Approve existing publications by id, or create and approve in one go.

    Attributes:
        create (None | PublicationSpec | Unset):
        publication_ids (list[UUID] | None | Unset):
    """

    create: None | PublicationSpec | Unset = UNSET
    publication_ids: list[UUID] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.publication_spec import PublicationSpec  # noqa: PLC0415

        create: dict[str, Any] | None | Unset
        if isinstance(self.create, Unset):
            create = UNSET
        elif isinstance(self.create, PublicationSpec):
            create = self.create.to_dict()
        else:
            create = self.create

        publication_ids: list[str] | None | Unset
        if isinstance(self.publication_ids, Unset):
            publication_ids = UNSET
        elif isinstance(self.publication_ids, list):
            publication_ids = []
            for publication_ids_type_0_item_data in self.publication_ids:
                publication_ids_type_0_item = str(publication_ids_type_0_item_data)
                publication_ids.append(publication_ids_type_0_item)

        else:
            publication_ids = self.publication_ids

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if create is not UNSET:
            field_dict["create"] = create
        if publication_ids is not UNSET:
            field_dict["publication_ids"] = publication_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.publication_spec import PublicationSpec  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_create(data: object) -> None | PublicationSpec | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                create_type_0 = PublicationSpec.from_dict(data)

                return create_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PublicationSpec | Unset, data)

        create = _parse_create(d.pop("create", UNSET))

        def _parse_publication_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                publication_ids_type_0 = []
                _publication_ids_type_0 = data
                for publication_ids_type_0_item_data in _publication_ids_type_0:
                    publication_ids_type_0_item = UUID(publication_ids_type_0_item_data)

                    publication_ids_type_0.append(publication_ids_type_0_item)

                return publication_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        publication_ids = _parse_publication_ids(d.pop("publication_ids", UNSET))

        confirm_publish = cls(
            create=create,
            publication_ids=publication_ids,
        )

        confirm_publish.additional_properties = d
        return confirm_publish

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
