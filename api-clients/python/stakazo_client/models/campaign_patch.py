from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..models.campaign_patch_approval_policy_type_0 import CampaignPatchApprovalPolicyType0
from ..models.campaign_patch_schedule_mode_type_0 import CampaignPatchScheduleModeType0
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.post_choices import PostChoices
    from ..models.target_in import TargetIn


T = TypeVar("T", bound="CampaignPatch")


@_attrs_define
class CampaignPatch:
    """Any of the campaign's settings; the result is checked as a whole.

    Attributes:
        approval_policy (CampaignPatchApprovalPolicyType0 | None | Unset):
        approvals_required (int | None | Unset):
        blackout_dates (list[datetime.date] | None | Unset):
        caption_template (None | str | Unset):
        ends_on (datetime.date | None | Unset):
        evergreen (bool | None | Unset):
        evergreen_cooldown_days (int | None | Unset):
        evergreen_max_reuses (int | None | Unset):
        exploration_share (float | None | Unset):
        min_gap_minutes (int | None | Unset):
        name (None | str | Unset):
        post_choices (None | PostChoices | Unset):
        posts_per_day (int | None | Unset):
        required_hashtags (list[str] | None | Unset):
        schedule_mode (CampaignPatchScheduleModeType0 | None | Unset):
        source_asset_ids (list[UUID] | None | Unset):
        source_tags (list[str] | None | Unset):
        starts_on (datetime.date | None | Unset):
        targets (list[TargetIn] | None | Unset):
        time_zone (None | str | Unset):
    """

    approval_policy: CampaignPatchApprovalPolicyType0 | None | Unset = UNSET
    approvals_required: int | None | Unset = UNSET
    blackout_dates: list[datetime.date] | None | Unset = UNSET
    caption_template: None | str | Unset = UNSET
    ends_on: datetime.date | None | Unset = UNSET
    evergreen: bool | None | Unset = UNSET
    evergreen_cooldown_days: int | None | Unset = UNSET
    evergreen_max_reuses: int | None | Unset = UNSET
    exploration_share: float | None | Unset = UNSET
    min_gap_minutes: int | None | Unset = UNSET
    name: None | str | Unset = UNSET
    post_choices: None | PostChoices | Unset = UNSET
    posts_per_day: int | None | Unset = UNSET
    required_hashtags: list[str] | None | Unset = UNSET
    schedule_mode: CampaignPatchScheduleModeType0 | None | Unset = UNSET
    source_asset_ids: list[UUID] | None | Unset = UNSET
    source_tags: list[str] | None | Unset = UNSET
    starts_on: datetime.date | None | Unset = UNSET
    targets: list[TargetIn] | None | Unset = UNSET
    time_zone: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.post_choices import PostChoices  # noqa: PLC0415

        approval_policy: None | str | Unset
        if isinstance(self.approval_policy, Unset):
            approval_policy = UNSET
        elif isinstance(self.approval_policy, CampaignPatchApprovalPolicyType0):
            approval_policy = self.approval_policy.value
        else:
            approval_policy = self.approval_policy

        approvals_required: int | None | Unset
        if isinstance(self.approvals_required, Unset):
            approvals_required = UNSET
        else:
            approvals_required = self.approvals_required

        blackout_dates: list[str] | None | Unset
        if isinstance(self.blackout_dates, Unset):
            blackout_dates = UNSET
        elif isinstance(self.blackout_dates, list):
            blackout_dates = []
            for blackout_dates_type_0_item_data in self.blackout_dates:
                blackout_dates_type_0_item = blackout_dates_type_0_item_data.isoformat()
                blackout_dates.append(blackout_dates_type_0_item)

        else:
            blackout_dates = self.blackout_dates

        caption_template: None | str | Unset
        if isinstance(self.caption_template, Unset):
            caption_template = UNSET
        else:
            caption_template = self.caption_template

        ends_on: None | str | Unset
        if isinstance(self.ends_on, Unset):
            ends_on = UNSET
        elif isinstance(self.ends_on, datetime.date):
            ends_on = self.ends_on.isoformat()
        else:
            ends_on = self.ends_on

        evergreen: bool | None | Unset
        if isinstance(self.evergreen, Unset):
            evergreen = UNSET
        else:
            evergreen = self.evergreen

        evergreen_cooldown_days: int | None | Unset
        if isinstance(self.evergreen_cooldown_days, Unset):
            evergreen_cooldown_days = UNSET
        else:
            evergreen_cooldown_days = self.evergreen_cooldown_days

        evergreen_max_reuses: int | None | Unset
        if isinstance(self.evergreen_max_reuses, Unset):
            evergreen_max_reuses = UNSET
        else:
            evergreen_max_reuses = self.evergreen_max_reuses

        exploration_share: float | None | Unset
        if isinstance(self.exploration_share, Unset):
            exploration_share = UNSET
        else:
            exploration_share = self.exploration_share

        min_gap_minutes: int | None | Unset
        if isinstance(self.min_gap_minutes, Unset):
            min_gap_minutes = UNSET
        else:
            min_gap_minutes = self.min_gap_minutes

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        post_choices: dict[str, Any] | None | Unset
        if isinstance(self.post_choices, Unset):
            post_choices = UNSET
        elif isinstance(self.post_choices, PostChoices):
            post_choices = self.post_choices.to_dict()
        else:
            post_choices = self.post_choices

        posts_per_day: int | None | Unset
        if isinstance(self.posts_per_day, Unset):
            posts_per_day = UNSET
        else:
            posts_per_day = self.posts_per_day

        required_hashtags: list[str] | None | Unset
        if isinstance(self.required_hashtags, Unset):
            required_hashtags = UNSET
        elif isinstance(self.required_hashtags, list):
            required_hashtags = self.required_hashtags

        else:
            required_hashtags = self.required_hashtags

        schedule_mode: None | str | Unset
        if isinstance(self.schedule_mode, Unset):
            schedule_mode = UNSET
        elif isinstance(self.schedule_mode, CampaignPatchScheduleModeType0):
            schedule_mode = self.schedule_mode.value
        else:
            schedule_mode = self.schedule_mode

        source_asset_ids: list[str] | None | Unset
        if isinstance(self.source_asset_ids, Unset):
            source_asset_ids = UNSET
        elif isinstance(self.source_asset_ids, list):
            source_asset_ids = []
            for source_asset_ids_type_0_item_data in self.source_asset_ids:
                source_asset_ids_type_0_item = str(source_asset_ids_type_0_item_data)
                source_asset_ids.append(source_asset_ids_type_0_item)

        else:
            source_asset_ids = self.source_asset_ids

        source_tags: list[str] | None | Unset
        if isinstance(self.source_tags, Unset):
            source_tags = UNSET
        elif isinstance(self.source_tags, list):
            source_tags = self.source_tags

        else:
            source_tags = self.source_tags

        starts_on: None | str | Unset
        if isinstance(self.starts_on, Unset):
            starts_on = UNSET
        elif isinstance(self.starts_on, datetime.date):
            starts_on = self.starts_on.isoformat()
        else:
            starts_on = self.starts_on

        targets: list[dict[str, Any]] | None | Unset
        if isinstance(self.targets, Unset):
            targets = UNSET
        elif isinstance(self.targets, list):
            targets = []
            for targets_type_0_item_data in self.targets:
                targets_type_0_item = targets_type_0_item_data.to_dict()
                targets.append(targets_type_0_item)

        else:
            targets = self.targets

        time_zone: None | str | Unset
        if isinstance(self.time_zone, Unset):
            time_zone = UNSET
        else:
            time_zone = self.time_zone

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if approval_policy is not UNSET:
            field_dict["approval_policy"] = approval_policy
        if approvals_required is not UNSET:
            field_dict["approvals_required"] = approvals_required
        if blackout_dates is not UNSET:
            field_dict["blackout_dates"] = blackout_dates
        if caption_template is not UNSET:
            field_dict["caption_template"] = caption_template
        if ends_on is not UNSET:
            field_dict["ends_on"] = ends_on
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
        if name is not UNSET:
            field_dict["name"] = name
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
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if targets is not UNSET:
            field_dict["targets"] = targets
        if time_zone is not UNSET:
            field_dict["time_zone"] = time_zone

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.post_choices import PostChoices  # noqa: PLC0415
        from ..models.target_in import TargetIn  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_approval_policy(data: object) -> CampaignPatchApprovalPolicyType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approval_policy_type_0 = CampaignPatchApprovalPolicyType0(data)

                return approval_policy_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignPatchApprovalPolicyType0 | None | Unset, data)

        approval_policy = _parse_approval_policy(d.pop("approval_policy", UNSET))

        def _parse_approvals_required(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        approvals_required = _parse_approvals_required(d.pop("approvals_required", UNSET))

        def _parse_blackout_dates(data: object) -> list[datetime.date] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                blackout_dates_type_0 = []
                _blackout_dates_type_0 = data
                for blackout_dates_type_0_item_data in _blackout_dates_type_0:
                    blackout_dates_type_0_item = datetime.date.fromisoformat(blackout_dates_type_0_item_data)

                    blackout_dates_type_0.append(blackout_dates_type_0_item)

                return blackout_dates_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[datetime.date] | None | Unset, data)

        blackout_dates = _parse_blackout_dates(d.pop("blackout_dates", UNSET))

        def _parse_caption_template(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        caption_template = _parse_caption_template(d.pop("caption_template", UNSET))

        def _parse_ends_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_on_type_0 = datetime.date.fromisoformat(data)

                return ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        ends_on = _parse_ends_on(d.pop("ends_on", UNSET))

        def _parse_evergreen(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        evergreen = _parse_evergreen(d.pop("evergreen", UNSET))

        def _parse_evergreen_cooldown_days(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        evergreen_cooldown_days = _parse_evergreen_cooldown_days(d.pop("evergreen_cooldown_days", UNSET))

        def _parse_evergreen_max_reuses(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        evergreen_max_reuses = _parse_evergreen_max_reuses(d.pop("evergreen_max_reuses", UNSET))

        def _parse_exploration_share(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        exploration_share = _parse_exploration_share(d.pop("exploration_share", UNSET))

        def _parse_min_gap_minutes(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        min_gap_minutes = _parse_min_gap_minutes(d.pop("min_gap_minutes", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_post_choices(data: object) -> None | PostChoices | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                post_choices_type_0 = PostChoices.from_dict(data)

                return post_choices_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PostChoices | Unset, data)

        post_choices = _parse_post_choices(d.pop("post_choices", UNSET))

        def _parse_posts_per_day(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        posts_per_day = _parse_posts_per_day(d.pop("posts_per_day", UNSET))

        def _parse_required_hashtags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                required_hashtags_type_0 = cast(list[str], data)

                return required_hashtags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        required_hashtags = _parse_required_hashtags(d.pop("required_hashtags", UNSET))

        def _parse_schedule_mode(data: object) -> CampaignPatchScheduleModeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                schedule_mode_type_0 = CampaignPatchScheduleModeType0(data)

                return schedule_mode_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CampaignPatchScheduleModeType0 | None | Unset, data)

        schedule_mode = _parse_schedule_mode(d.pop("schedule_mode", UNSET))

        def _parse_source_asset_ids(data: object) -> list[UUID] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                source_asset_ids_type_0 = []
                _source_asset_ids_type_0 = data
                for source_asset_ids_type_0_item_data in _source_asset_ids_type_0:
                    source_asset_ids_type_0_item = UUID(source_asset_ids_type_0_item_data)

                    source_asset_ids_type_0.append(source_asset_ids_type_0_item)

                return source_asset_ids_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[UUID] | None | Unset, data)

        source_asset_ids = _parse_source_asset_ids(d.pop("source_asset_ids", UNSET))

        def _parse_source_tags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                source_tags_type_0 = cast(list[str], data)

                return source_tags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        source_tags = _parse_source_tags(d.pop("source_tags", UNSET))

        def _parse_starts_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_on_type_0 = datetime.date.fromisoformat(data)

                return starts_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        starts_on = _parse_starts_on(d.pop("starts_on", UNSET))

        def _parse_targets(data: object) -> list[TargetIn] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                targets_type_0 = []
                _targets_type_0 = data
                for targets_type_0_item_data in _targets_type_0:
                    targets_type_0_item = TargetIn.from_dict(targets_type_0_item_data)

                    targets_type_0.append(targets_type_0_item)

                return targets_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TargetIn] | None | Unset, data)

        targets = _parse_targets(d.pop("targets", UNSET))

        def _parse_time_zone(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        time_zone = _parse_time_zone(d.pop("time_zone", UNSET))

        campaign_patch = cls(
            approval_policy=approval_policy,
            approvals_required=approvals_required,
            blackout_dates=blackout_dates,
            caption_template=caption_template,
            ends_on=ends_on,
            evergreen=evergreen,
            evergreen_cooldown_days=evergreen_cooldown_days,
            evergreen_max_reuses=evergreen_max_reuses,
            exploration_share=exploration_share,
            min_gap_minutes=min_gap_minutes,
            name=name,
            post_choices=post_choices,
            posts_per_day=posts_per_day,
            required_hashtags=required_hashtags,
            schedule_mode=schedule_mode,
            source_asset_ids=source_asset_ids,
            source_tags=source_tags,
            starts_on=starts_on,
            targets=targets,
            time_zone=time_zone,
        )

        return campaign_patch
