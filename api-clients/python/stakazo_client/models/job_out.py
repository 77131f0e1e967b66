from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_out_state import JobOutState

if TYPE_CHECKING:
    from ..models.job_out_params import JobOutParams
    from ..models.job_out_result_type_0 import JobOutResultType0


T = TypeVar("T", bound="JobOut")


@_attrs_define
class JobOut:
    """
    Attributes:
        asset_id (None | UUID):
        attempts (int):
        clip_id (None | UUID):
        created_at (datetime.datetime):
        created_by_id (None | UUID):
        error (None | str):
        finished_at (datetime.datetime | None):
        id (UUID):
        params (JobOutParams):
        progress (int): 0 to 100
        result (JobOutResultType0 | None):
        started_at (datetime.datetime | None):
        state (JobOutState):
        type_ (str):
        updated_at (datetime.datetime):
        workspace_id (UUID):
    """

    asset_id: None | UUID
    attempts: int
    clip_id: None | UUID
    created_at: datetime.datetime
    created_by_id: None | UUID
    error: None | str
    finished_at: datetime.datetime | None
    id: UUID
    params: JobOutParams
    progress: int
    result: JobOutResultType0 | None
    started_at: datetime.datetime | None
    state: JobOutState
    type_: str
    updated_at: datetime.datetime
    workspace_id: UUID
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_out_result_type_0 import JobOutResultType0  # noqa: PLC0415

        asset_id: None | str
        if isinstance(self.asset_id, UUID):
            asset_id = str(self.asset_id)
        else:
            asset_id = self.asset_id

        attempts = self.attempts

        clip_id: None | str
        if isinstance(self.clip_id, UUID):
            clip_id = str(self.clip_id)
        else:
            clip_id = self.clip_id

        created_at = self.created_at.isoformat()

        created_by_id: None | str
        if isinstance(self.created_by_id, UUID):
            created_by_id = str(self.created_by_id)
        else:
            created_by_id = self.created_by_id

        error: None | str
        error = self.error

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        id = str(self.id)

        params = self.params.to_dict()

        progress = self.progress

        result: dict[str, Any] | None
        if isinstance(self.result, JobOutResultType0):
            result = self.result.to_dict()
        else:
            result = self.result

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        state = self.state.value

        type_ = self.type_

        updated_at = self.updated_at.isoformat()

        workspace_id = str(self.workspace_id)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_id": asset_id,
                "attempts": attempts,
                "clip_id": clip_id,
                "created_at": created_at,
                "created_by_id": created_by_id,
                "error": error,
                "finished_at": finished_at,
                "id": id,
                "params": params,
                "progress": progress,
                "result": result,
                "started_at": started_at,
                "state": state,
                "type": type_,
                "updated_at": updated_at,
                "workspace_id": workspace_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_out_params import JobOutParams  # noqa: PLC0415
        from ..models.job_out_result_type_0 import JobOutResultType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_asset_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                asset_id_type_0 = UUID(data)

                return asset_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        asset_id = _parse_asset_id(d.pop("asset_id"))

        attempts = d.pop("attempts")

        def _parse_clip_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                clip_id_type_0 = UUID(data)

                return clip_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        clip_id = _parse_clip_id(d.pop("clip_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_by_id_type_0 = UUID(data)

                return created_by_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        created_by_id = _parse_created_by_id(d.pop("created_by_id"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        id = UUID(d.pop("id"))

        params = JobOutParams.from_dict(d.pop("params"))

        progress = d.pop("progress")

        def _parse_result(data: object) -> JobOutResultType0 | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                result_type_0 = JobOutResultType0.from_dict(data)

                return result_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobOutResultType0 | None, data)

        result = _parse_result(d.pop("result"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        state = JobOutState(d.pop("state"))

        type_ = d.pop("type")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        workspace_id = UUID(d.pop("workspace_id"))

        job_out = cls(
            asset_id=asset_id,
            attempts=attempts,
            clip_id=clip_id,
            created_at=created_at,
            created_by_id=created_by_id,
            error=error,
            finished_at=finished_at,
            id=id,
            params=params,
            progress=progress,
            result=result,
            started_at=started_at,
            state=state,
            type_=type_,
            updated_at=updated_at,
            workspace_id=workspace_id,
        )

        job_out.additional_properties = d
        return job_out

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
