from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.publication_out_mode import PublicationOutMode
from ..models.publication_out_privacy import PublicationOutPrivacy
from ..models.publication_out_state import PublicationOutState
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.approver_out import ApproverOut
    from ..models.publication_out_options import PublicationOutOptions


T = TypeVar("T", bound="PublicationOut")


@_attrs_define
class PublicationOut:
    """
    Attributes:
        account_id (UUID):
        approvals_required (int): Distinct approvers needed before it goes ahead (a campaign may ask for several).
        approved_at (datetime.datetime | None):
        attempts (int): Failed attempts in a row (reset when one makes progress).
        caption (str):
        clip_id (UUID):
        created_at (datetime.datetime):
        error (None | str): Why it failed, in plain words.
        error_reason (None | str): The platform's own error code or message.
        id (UUID):
        mode (PublicationOutMode):
        next_attempt_at (datetime.datetime | None): When the next attempt happens (a schedule, a quota deferral or a
            backoff).
        options (PublicationOutOptions): The user's choices for the platform, as given.
        platform (str):
        privacy (PublicationOutPrivacy):
        progress (int): 0-100: upload and processing progress.
        publish_at (datetime.datetime | None):
        published_at (datetime.datetime | None):
        remote_detail (None | str): e.g. `inbox`, `moderation`, or `scheduled` (uploaded; the platform releases it at
            `publish_at`, and it becomes `published` then).
        remote_post_id (None | str): The post's id on the platform.
        remote_url (None | str):
        sandbox (bool): Published to the built-in sandbox, not the real platform.
        state (PublicationOutState):
        title (str):
        updated_at (datetime.datetime):
        variant_id (None | UUID):
        approvals (int | Unset): Distinct approvals given so far. Default: 0.
        approvers (list[ApproverOut] | Unset): Who approved, when.
    """

    account_id: UUID
    approvals_required: int
    approved_at: datetime.datetime | None
    attempts: int
    caption: str
    clip_id: UUID
    created_at: datetime.datetime
    error: None | str
    error_reason: None | str
    id: UUID
    mode: PublicationOutMode
    next_attempt_at: datetime.datetime | None
    options: PublicationOutOptions
    platform: str
    privacy: PublicationOutPrivacy
    progress: int
    publish_at: datetime.datetime | None
    published_at: datetime.datetime | None
    remote_detail: None | str
    remote_post_id: None | str
    remote_url: None | str
    sandbox: bool
    state: PublicationOutState
    title: str
    updated_at: datetime.datetime
    variant_id: None | UUID
    approvals: int | Unset = 0
    approvers: list[ApproverOut] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        account_id = str(self.account_id)

        approvals_required = self.approvals_required

        approved_at: None | str
        if isinstance(self.approved_at, datetime.datetime):
            approved_at = self.approved_at.isoformat()
        else:
            approved_at = self.approved_at

        attempts = self.attempts

        caption = self.caption

        clip_id = str(self.clip_id)

        created_at = self.created_at.isoformat()

        error: None | str
        error = self.error

        error_reason: None | str
        error_reason = self.error_reason

        id = str(self.id)

        mode = self.mode.value

        next_attempt_at: None | str
        if isinstance(self.next_attempt_at, datetime.datetime):
            next_attempt_at = self.next_attempt_at.isoformat()
        else:
            next_attempt_at = self.next_attempt_at

        options = self.options.to_dict()

        platform = self.platform

        privacy = self.privacy.value

        progress = self.progress

        publish_at: None | str
        if isinstance(self.publish_at, datetime.datetime):
            publish_at = self.publish_at.isoformat()
        else:
            publish_at = self.publish_at

        published_at: None | str
        if isinstance(self.published_at, datetime.datetime):
            published_at = self.published_at.isoformat()
        else:
            published_at = self.published_at

        remote_detail: None | str
        remote_detail = self.remote_detail

        remote_post_id: None | str
        remote_post_id = self.remote_post_id

        remote_url: None | str
        remote_url = self.remote_url

        sandbox = self.sandbox

        state = self.state.value

        title = self.title

        updated_at = self.updated_at.isoformat()

        variant_id: None | str
        if isinstance(self.variant_id, UUID):
            variant_id = str(self.variant_id)
        else:
            variant_id = self.variant_id

        approvals = self.approvals

        approvers: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.approvers, Unset):
            approvers = []
            for approvers_item_data in self.approvers:
                approvers_item = approvers_item_data.to_dict()
                approvers.append(approvers_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "account_id": account_id,
                "approvals_required": approvals_required,
                "approved_at": approved_at,
                "attempts": attempts,
                "caption": caption,
                "clip_id": clip_id,
                "created_at": created_at,
                "error": error,
                "error_reason": error_reason,
                "id": id,
                "mode": mode,
                "next_attempt_at": next_attempt_at,
                "options": options,
                "platform": platform,
                "privacy": privacy,
                "progress": progress,
                "publish_at": publish_at,
                "published_at": published_at,
                "remote_detail": remote_detail,
                "remote_post_id": remote_post_id,
                "remote_url": remote_url,
                "sandbox": sandbox,
                "state": state,
                "title": title,
                "updated_at": updated_at,
                "variant_id": variant_id,
            }
        )
        if approvals is not UNSET:
            field_dict["approvals"] = approvals
        if approvers is not UNSET:
            field_dict["approvers"] = approvers

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.approver_out import ApproverOut  # noqa: PLC0415
        from ..models.publication_out_options import PublicationOutOptions  # noqa: PLC0415

        d = dict(src_dict)
        account_id = UUID(d.pop("account_id"))

        approvals_required = d.pop("approvals_required")

        def _parse_approved_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                approved_at_type_0 = datetime.datetime.fromisoformat(data)

                return approved_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        approved_at = _parse_approved_at(d.pop("approved_at"))

        attempts = d.pop("attempts")

        caption = d.pop("caption")

        clip_id = UUID(d.pop("clip_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_error_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error_reason = _parse_error_reason(d.pop("error_reason"))

        id = UUID(d.pop("id"))

        mode = PublicationOutMode(d.pop("mode"))

        def _parse_next_attempt_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_attempt_at_type_0 = datetime.datetime.fromisoformat(data)

                return next_attempt_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        next_attempt_at = _parse_next_attempt_at(d.pop("next_attempt_at"))

        options = PublicationOutOptions.from_dict(d.pop("options"))

        platform = d.pop("platform")

        privacy = PublicationOutPrivacy(d.pop("privacy"))

        progress = d.pop("progress")

        def _parse_publish_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                publish_at_type_0 = datetime.datetime.fromisoformat(data)

                return publish_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        publish_at = _parse_publish_at(d.pop("publish_at"))

        def _parse_published_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                published_at_type_0 = datetime.datetime.fromisoformat(data)

                return published_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        published_at = _parse_published_at(d.pop("published_at"))

        def _parse_remote_detail(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        remote_detail = _parse_remote_detail(d.pop("remote_detail"))

        def _parse_remote_post_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        remote_post_id = _parse_remote_post_id(d.pop("remote_post_id"))

        def _parse_remote_url(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        remote_url = _parse_remote_url(d.pop("remote_url"))

        sandbox = d.pop("sandbox")

        state = PublicationOutState(d.pop("state"))

        title = d.pop("title")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_variant_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                variant_id_type_0 = UUID(data)

                return variant_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        variant_id = _parse_variant_id(d.pop("variant_id"))

        approvals = d.pop("approvals", UNSET)

        _approvers = d.pop("approvers", UNSET)
        approvers: list[ApproverOut] | Unset = UNSET
        if _approvers is not UNSET:
            approvers = []
            for approvers_item_data in _approvers:
                approvers_item = ApproverOut.from_dict(approvers_item_data)

                approvers.append(approvers_item)

        publication_out = cls(
            account_id=account_id,
            approvals_required=approvals_required,
            approved_at=approved_at,
            attempts=attempts,
            caption=caption,
            clip_id=clip_id,
            created_at=created_at,
            error=error,
            error_reason=error_reason,
            id=id,
            mode=mode,
            next_attempt_at=next_attempt_at,
            options=options,
            platform=platform,
            privacy=privacy,
            progress=progress,
            publish_at=publish_at,
            published_at=published_at,
            remote_detail=remote_detail,
            remote_post_id=remote_post_id,
            remote_url=remote_url,
            sandbox=sandbox,
            state=state,
            title=title,
            updated_at=updated_at,
            variant_id=variant_id,
            approvals=approvals,
            approvers=approvers,
        )

        publication_out.additional_properties = d
        return publication_out

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
