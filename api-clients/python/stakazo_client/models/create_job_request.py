from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.create_job_request_type import CreateJobRequestType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.create_job_request_params import CreateJobRequestParams


T = TypeVar("T", bound="CreateJobRequest")


@_attrs_define
class CreateJobRequest:
    """
    Attributes:
        type_ (CreateJobRequestType):
        asset_id (None | Unset | UUID): For media.process, media.analyze
        clip_id (None | Unset | UUID): For media.render_variant
        params (CreateJobRequestParams | Unset):
    """

    type_: CreateJobRequestType
    asset_id: None | Unset | UUID = UNSET
    clip_id: None | Unset | UUID = UNSET
    params: CreateJobRequestParams | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        asset_id: None | str | Unset
        if isinstance(self.asset_id, Unset):
            asset_id = UNSET
        elif isinstance(self.asset_id, UUID):
            asset_id = str(self.asset_id)
        else:
            asset_id = self.asset_id

        clip_id: None | str | Unset
        if isinstance(self.clip_id, Unset):
            clip_id = UNSET
        elif isinstance(self.clip_id, UUID):
            clip_id = str(self.clip_id)
        else:
            clip_id = self.clip_id

        params: dict[str, Any] | Unset = UNSET
        if not isinstance(self.params, Unset):
            params = self.params.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
            }
        )
        if asset_id is not UNSET:
            field_dict["asset_id"] = asset_id
        if clip_id is not UNSET:
            field_dict["clip_id"] = clip_id
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.create_job_request_params import CreateJobRequestParams  # noqa: PLC0415

        d = dict(src_dict)
        type_ = CreateJobRequestType(d.pop("type"))

        def _parse_asset_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                asset_id_type_0 = UUID(data)

                return asset_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        asset_id = _parse_asset_id(d.pop("asset_id", UNSET))

        def _parse_clip_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clip_id_type_0 = UUID(data)

                return clip_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        clip_id = _parse_clip_id(d.pop("clip_id", UNSET))

        _params = d.pop("params", UNSET)
        params: CreateJobRequestParams | Unset
        if isinstance(_params, Unset):
            params = UNSET
        else:
            params = CreateJobRequestParams.from_dict(_params)

        create_job_request = cls(
            type_=type_,
            asset_id=asset_id,
            clip_id=clip_id,
            params=params,
        )

        create_job_request.additional_properties = d
        return create_job_request

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
