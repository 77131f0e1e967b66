from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.clip_out_status import ClipOutStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.clip_out_scores import ClipOutScores


T = TypeVar("T", bound="ClipOut")


@_attrs_define
class ClipOut:
    """
    Attributes:
        asset_id (UUID):
        caption (str): The marketer's caption; pre-fills publishing.
        created_at (datetime.datetime):
        duration_seconds (float):
        end_seconds (float):
        id (UUID):
        rank (int):
        score (float): The best of the per-platform scores.
        scores (ClipOutScores):
        start_seconds (float):
        status (ClipOutStatus):
        transcript (None | str):
        asset_name (str | Unset): The source video's name. Default: ''.
        caption_preset (None | str | Unset): None: the workspace's brand if it has one, else the default.
        cover_url (None | str | Unset): A ready variant's cover image.
        latest (bool | Unset): False once a newer version exists. Default: True.
        parent_id (None | Unset | UUID): The clip this version was edited, split or merged from.
        preview_url (None | str | Unset): A ready variant's short preview.
        removed (list[list[float]] | Unset): Stretches cut out of the clip (filler words, long pauses), on the source
            timeline; `duration_seconds` is how long the clip plays without them.
        source_url (None | str | Unset): Signed link to the source video; play it from `start_seconds` to `end_seconds`
            until a variant is ready.
        version (int | Unset): 1 as cut; each edit, split or merge adds one. Default: 1.
    """

    asset_id: UUID
    caption: str
    created_at: datetime.datetime
    duration_seconds: float
    end_seconds: float
    id: UUID
    rank: int
    score: float
    scores: ClipOutScores
    start_seconds: float
    status: ClipOutStatus
    transcript: None | str
    asset_name: str | Unset = ""
    caption_preset: None | str | Unset = UNSET
    cover_url: None | str | Unset = UNSET
    latest: bool | Unset = True
    parent_id: None | Unset | UUID = UNSET
    preview_url: None | str | Unset = UNSET
    removed: list[list[float]] | Unset = UNSET
    source_url: None | str | Unset = UNSET
    version: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_id = str(self.asset_id)

        caption = self.caption

        created_at = self.created_at.isoformat()

        duration_seconds = self.duration_seconds

        end_seconds = self.end_seconds

        id = str(self.id)

        rank = self.rank

        score = self.score

        scores = self.scores.to_dict()

        start_seconds = self.start_seconds

        status = self.status.value

        transcript: None | str
        transcript = self.transcript

        asset_name = self.asset_name

        caption_preset: None | str | Unset
        if isinstance(self.caption_preset, Unset):
            caption_preset = UNSET
        else:
            caption_preset = self.caption_preset

        cover_url: None | str | Unset
        if isinstance(self.cover_url, Unset):
            cover_url = UNSET
        else:
            cover_url = self.cover_url

        latest = self.latest

        parent_id: None | str | Unset
        if isinstance(self.parent_id, Unset):
            parent_id = UNSET
        elif isinstance(self.parent_id, UUID):
            parent_id = str(self.parent_id)
        else:
            parent_id = self.parent_id

        preview_url: None | str | Unset
        if isinstance(self.preview_url, Unset):
            preview_url = UNSET
        else:
            preview_url = self.preview_url

        removed: list[list[float]] | Unset = UNSET
        if not isinstance(self.removed, Unset):
            removed = []
            for removed_item_data in self.removed:
                removed_item = removed_item_data

                removed.append(removed_item)

        source_url: None | str | Unset
        if isinstance(self.source_url, Unset):
            source_url = UNSET
        else:
            source_url = self.source_url

        version = self.version

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_id": asset_id,
                "caption": caption,
                "created_at": created_at,
                "duration_seconds": duration_seconds,
                "end_seconds": end_seconds,
                "id": id,
                "rank": rank,
                "score": score,
                "scores": scores,
                "start_seconds": start_seconds,
                "status": status,
                "transcript": transcript,
            }
        )
        if asset_name is not UNSET:
            field_dict["asset_name"] = asset_name
        if caption_preset is not UNSET:
            field_dict["caption_preset"] = caption_preset
        if cover_url is not UNSET:
            field_dict["cover_url"] = cover_url
        if latest is not UNSET:
            field_dict["latest"] = latest
        if parent_id is not UNSET:
            field_dict["parent_id"] = parent_id
        if preview_url is not UNSET:
            field_dict["preview_url"] = preview_url
        if removed is not UNSET:
            field_dict["removed"] = removed
        if source_url is not UNSET:
            field_dict["source_url"] = source_url
        if version is not UNSET:
            field_dict["version"] = version

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.clip_out_scores import ClipOutScores  # noqa: PLC0415

        d = dict(src_dict)
        asset_id = UUID(d.pop("asset_id"))

        caption = d.pop("caption")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        duration_seconds = d.pop("duration_seconds")

        end_seconds = d.pop("end_seconds")

        id = UUID(d.pop("id"))

        rank = d.pop("rank")

        score = d.pop("score")

        scores = ClipOutScores.from_dict(d.pop("scores"))

        start_seconds = d.pop("start_seconds")

        status = ClipOutStatus(d.pop("status"))

        def _parse_transcript(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        transcript = _parse_transcript(d.pop("transcript"))

        asset_name = d.pop("asset_name", UNSET)

        def _parse_caption_preset(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        caption_preset = _parse_caption_preset(d.pop("caption_preset", UNSET))

        def _parse_cover_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        cover_url = _parse_cover_url(d.pop("cover_url", UNSET))

        latest = d.pop("latest", UNSET)

        def _parse_parent_id(data: object) -> None | Unset | UUID:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                parent_id_type_0 = UUID(data)

                return parent_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UUID, data)

        parent_id = _parse_parent_id(d.pop("parent_id", UNSET))

        def _parse_preview_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        preview_url = _parse_preview_url(d.pop("preview_url", UNSET))

        _removed = d.pop("removed", UNSET)
        removed: list[list[float]] | Unset = UNSET
        if _removed is not UNSET:
            removed = []
            for removed_item_data in _removed:
                removed_item = cast(list[float], removed_item_data)

                removed.append(removed_item)

        def _parse_source_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        source_url = _parse_source_url(d.pop("source_url", UNSET))

        version = d.pop("version", UNSET)

        clip_out = cls(
            asset_id=asset_id,
            caption=caption,
            created_at=created_at,
            duration_seconds=duration_seconds,
            end_seconds=end_seconds,
            id=id,
            rank=rank,
            score=score,
            scores=scores,
            start_seconds=start_seconds,
            status=status,
            transcript=transcript,
            asset_name=asset_name,
            caption_preset=caption_preset,
            cover_url=cover_url,
            latest=latest,
            parent_id=parent_id,
            preview_url=preview_url,
            removed=removed,
            source_url=source_url,
            version=version,
        )

        clip_out.additional_properties = d
        return clip_out

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
