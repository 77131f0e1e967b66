from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_out_approval_policy import CampaignOutApprovalPolicy
from ..models.campaign_out_schedule_mode import CampaignOutScheduleMode
from ..models.campaign_out_state import CampaignOutState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.post_choices import PostChoices
    from ..models.target_out import TargetOut


T = TypeVar("T", bound="CampaignOut")


@_attrs_define
class CampaignOut:
    """
    Attributes:
        created_at (datetime.datetime):
        ends_on (datetime.date):
        id (UUID):
        name (str):
        starts_on (datetime.date):
        state (CampaignOutState):
        targets (list[TargetOut]):
        updated_at (datetime.datetime):
        approval_policy (CampaignOutApprovalPolicy | Unset):  Default: CampaignOutApprovalPolicy.ONE.
        approvals_required (int | Unset):  Default: 1.
        blackout_dates (list[datetime.date] | Unset):
        caption_template (str | Unset): Placeholders: {title}, {hook}, {transcript}, {hashtags}, {asset}, {account}.
            Default: ''.
        evergreen (bool | Unset):  Default: False.
        evergreen_cooldown_days (int | Unset):  Default: 30.
        evergreen_max_reuses (int | Unset):  Default: 2.
        exploration_share (float | Unset):  Default: 0.1.
        min_gap_minutes (int | Unset):  Default: 60.
        post_choices (PostChoices | Unset): The user's own choices for the posts to platforms that demand them on every
            post (TikTok
            direct posts, YouTube), checked as for one-off publishing. A plan uses those sent with it,
            else the campaign's own (`post_choices`), else those of its latest post to that platform; a
            platform with none refuses the plan with 422.
        posts_per_day (int | None | Unset):
        required_hashtags (list[str] | Unset):
        schedule_mode (CampaignOutScheduleMode | Unset): slots: each target's weekday/time queue; cadence: posts_per_day
            spread over the platform's posting window. Default: CampaignOutScheduleMode.SLOTS.
        source_asset_ids (list[UUID] | Unset):
        source_tags (list[str] | Unset):
        time_zone (str | Unset): IANA zone, e.g. Europe/Madrid. Default: 'UTC'.
    """

    created_at: datetime.datetime
    ends_on: datetime.date
    id: UUID
    name: str
    starts_on: datetime.date
    state: CampaignOutState
    targets: list[TargetOut]
    updated_at: datetime.datetime
    approval_policy: CampaignOutApprovalPolicy | Unset = CampaignOutApprovalPolicy.ONE
    approvals_required: int | Unset = 1
    blackout_dates: list[datetime.date] | Unset = UNSET
    caption_template: str | Unset = ""
    evergreen: bool | Unset = False
    evergreen_cooldown_days: int | Unset = 30
    evergreen_max_reuses: int | Unset = 2
    exploration_share: float | Unset = 0.1
    min_gap_minutes: int | Unset = 60
    post_choices: PostChoices | Unset = UNSET
    posts_per_day: int | None | Unset = UNSET
    required_hashtags: list[str] | Unset = UNSET
    schedule_mode: CampaignOutScheduleMode | Unset = CampaignOutScheduleMode.SLOTS
    source_asset_ids: list[UUID] | Unset = UNSET
    source_tags: list[str] | Unset = UNSET
    time_zone: str | Unset = "UTC"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        created_at = self.created_at.isoformat()

        ends_on = self.ends_on.isoformat()

        id = str(self.id)

        name = self.name

        starts_on = self.starts_on.isoformat()

        state = self.state.value

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

        updated_at = self.updated_at.isoformat()

        approval_policy: str | Unset = UNSET
        if not isinstance(self.approval_policy, Unset):
            approval_policy = self.approval_policy.value

        approvals_required = self.approvals_required

        blackout_dates: list[str] | Unset = UNSET
        if not isinstance(self.blackout_dates, Unset):
            blackout_dates = []
            for blackout_dates_item_data in self.blackout_dates:
                blackout_dates_item = blackout_dates_item_data.isoformat()
                blackout_dates.append(blackout_dates_item)

        caption_template = self.caption_template

        evergreen = self.evergreen

        evergreen_cooldown_days = self.evergreen_cooldown_days

        evergreen_max_reuses = self.evergreen_max_reuses

        exploration_share = self.exploration_share

        min_gap_minutes = self.min_gap_minutes

        post_choices: dict[str, Any] | Unset = UNSET
        if not isinstance(self.post_choices, Unset):
            post_choices = self.post_choices.to_dict()

        posts_per_day: int | None | Unset
        if isinstance(self.posts_per_day, Unset):
            posts_per_day = UNSET
        else:
            posts_per_day = self.posts_per_day

        required_hashtags: list[str] | Unset = UNSET
        if not isinstance(self.required_hashtags, Unset):
            required_hashtags = self.required_hashtags

        schedule_mode: str | Unset = UNSET
        if not isinstance(self.schedule_mode, Unset):
            schedule_mode = self.schedule_mode.value

        source_asset_ids: list[str] | Unset = UNSET
        if not isinstance(self.source_asset_ids, Unset):
            source_asset_ids = []
            for source_asset_ids_item_data in self.source_asset_ids:
                source_asset_ids_item = str(source_asset_ids_item_data)
                source_asset_ids.append(source_asset_ids_item)

        source_tags: list[str] | Unset = UNSET
        if not isinstance(self.source_tags, Unset):
            source_tags = self.source_tags

        time_zone = self.time_zone

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "created_at": created_at,
                "ends_on": ends_on,
                "id": id,
                "name": name,
                "starts_on": starts_on,
                "state": state,
                "targets": targets,
                "updated_at": updated_at,
            }
        )
        if approval_policy is not UNSET:
            field_dict["approval_policy"] = approval_policy
        if approvals_required is not UNSET:
            field_dict["approvals_required"] = approvals_required
        if blackout_dates is not UNSET:
            field_dict["blackout_dates"] = blackout_dates
        if caption_template is not UNSET:
            field_dict["caption_template"] = caption_template
        if evergreen is not UNSET:
            field_dict["evergreen"] = evergreen
        if evergreen_cooldown_days is not UNSET:
            field_dict["evergreen_cooldown_days"] = evergreen_cooldown_days
        if evergreen_max_reuses is not UNSET:
            field_dict["evergreen_max_reuses"] = evergreen_max_reuses
        if exploration_share is not UNSET:
            field_dict["exploration_share"] = exploration_share
        if min_gap_minutes is not UNSET:
            field_dict["min_gap_minutes"] = min_gap_minutes
        if post_choices is not UNSET:
            field_dict["post_choices"] = post_choices
        if posts_per_day is not UNSET:
            field_dict["posts_per_day"] = posts_per_day
        if required_hashtags is not UNSET:
            field_dict["required_hashtags"] = required_hashtags
        if schedule_mode is not UNSET:
            field_dict["schedule_mode"] = schedule_mode
        if source_asset_ids is not UNSET:
            field_dict["source_asset_ids"] = source_asset_ids
        if source_tags is not UNSET:
            field_dict["source_tags"] = source_tags
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_choices import PostChoices  # noqa: PLC0415
        from ..models.target_out import TargetOut  # noqa: PLC0415

        d = dict(src_dict)
        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        ends_on = datetime.date.fromisoformat(d.pop("ends_on"))

        id = UUID(d.pop("id"))

        name = d.pop("name")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        state = CampaignOutState(d.pop("state"))

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = TargetOut.from_dict(targets_item_data)

            targets.append(targets_item)

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _approval_policy = d.pop("approval_policy", UNSET)
        approval_policy: CampaignOutApprovalPolicy | Unset
        if isinstance(_approval_policy, Unset):
            approval_policy = UNSET
        else:
            approval_policy = CampaignOutApprovalPolicy(_approval_policy)

        approvals_required = d.pop("approvals_required", UNSET)

        _blackout_dates = d.pop("blackout_dates", UNSET)
        blackout_dates: list[datetime.date] | Unset = UNSET
        if _blackout_dates is not UNSET:
            blackout_dates = []
            for blackout_dates_item_data in _blackout_dates:
                blackout_dates_item = datetime.date.fromisoformat(blackout_dates_item_data)

                blackout_dates.append(blackout_dates_item)

        caption_template = d.pop("caption_template", UNSET)

        evergreen = d.pop("evergreen", UNSET)

        evergreen_cooldown_days = d.pop("evergreen_cooldown_days", UNSET)

        evergreen_max_reuses = d.pop("evergreen_max_reuses", UNSET)

        exploration_share = d.pop("exploration_share", UNSET)

        min_gap_minutes = d.pop("min_gap_minutes", UNSET)

        _post_choices = d.pop("post_choices", UNSET)
        post_choices: PostChoices | Unset
        if isinstance(_post_choices, Unset):
            post_choices = UNSET
        else:
            post_choices = PostChoices.from_dict(_post_choices)

        def _parse_posts_per_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        posts_per_day = _parse_posts_per_day(d.pop("posts_per_day", UNSET))

        required_hashtags = cast(list[str], d.pop("required_hashtags", UNSET))

        _schedule_mode = d.pop("schedule_mode", UNSET)
        schedule_mode: CampaignOutScheduleMode | Unset
        if isinstance(_schedule_mode, Unset):
            schedule_mode = UNSET
        else:
            schedule_mode = CampaignOutScheduleMode(_schedule_mode)

        _source_asset_ids = d.pop("source_asset_ids", UNSET)
        source_asset_ids: list[UUID] | Unset = UNSET
        if _source_asset_ids is not UNSET:
            source_asset_ids = []
            for source_asset_ids_item_data in _source_asset_ids:
                source_asset_ids_item = UUID(source_asset_ids_item_data)

                source_asset_ids.append(source_asset_ids_item)

        source_tags = cast(list[str], d.pop("source_tags", UNSET))

        time_zone = d.pop("time_zone", UNSET)

        campaign_out = cls(
            created_at=created_at,
            ends_on=ends_on,
            id=id,
            name=name,
            starts_on=starts_on,
            state=state,
            targets=targets,
            updated_at=updated_at,
            approval_policy=approval_policy,
            approvals_required=approvals_required,
            blackout_dates=blackout_dates,
            caption_template=caption_template,
            evergreen=evergreen,
            evergreen_cooldown_days=evergreen_cooldown_days,
            evergreen_max_reuses=evergreen_max_reuses,
            exploration_share=exploration_share,
            min_gap_minutes=min_gap_minutes,
            post_choices=post_choices,
            posts_per_day=posts_per_day,
            required_hashtags=required_hashtags,
            schedule_mode=schedule_mode,
            source_asset_ids=source_asset_ids,
            source_tags=source_tags,
            time_zone=time_zone,
        )

        campaign_out.additional_properties = d
        return campaign_out

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
