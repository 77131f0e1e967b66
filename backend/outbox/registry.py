"""The outbox's kinds: for each, where its rows are, which are still waiting for their work,
how to send the due ones again, and (where an admin may) how to send a dead one again."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend.accounts import notifications
from backend.alerts import notify as alert_notices
from backend.config import Settings
from backend.health import service as health
from backend.jobs import service as jobs
from backend.models import (
    AIHealthRun,
    Alert,
    AlertNotification,
    Job,
    NotificationSubscription,
    PlatformAccount,
    Publication,
)
from backend.models import WebhookDelivery as Delivery
from backend.models.publication import IN_FLIGHT_STATES
from backend.publishing import outbox as publications
from backend.webhooks import service as webhooks

Resend = Callable[[AsyncSession, Settings], Awaitable[int]]
Retry = Callable[[AsyncSession, Settings, Any, uuid.UUID], Awaitable[None]]


@dataclass(frozen=True)
class Kind:
    name: str
    model: Any
    resend: Resend
    open: ColumnElement[bool]  # its work is not done yet
    failing: ColumnElement[bool]  # sent again, or its work failed, at least once
    error: Any
    in_workspace: Callable[[uuid.UUID], ColumnElement[bool]]
    retry: Retry | None = None
    retry_elsewhere: str = ""


def _delivery_in_workspace(workspace_id: uuid.UUID) -> ColumnElement[bool]:
    # A delivery belongs to no workspace; one shows where its account is connected.
    return exists(
        select(PlatformAccount.id).where(
            PlatformAccount.workspace_id == workspace_id,
            PlatformAccount.platform == Delivery.platform,
            PlatformAccount.remote_id == Delivery.remote_account_id,
        )
    )


def _alert_notice_in_workspace(workspace_id: uuid.UUID) -> ColumnElement[bool]:
    # Instance alerts are every workspace's (docs/alerts.md), and so are their notices.
    return exists(
        select(Alert.id).where(
            Alert.id == AlertNotification.alert_id,
            (Alert.workspace_id == workspace_id) | (Alert.scope == "instance"),
        )
    )


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "jobs",
            Job,
            jobs.redispatch_stale,
            open=Job.state.in_(("pending", "running")),
            failing=Job.sends > 0,
            error=Job.error,
            in_workspace=lambda workspace_id: Job.workspace_id == workspace_id,
            retry_elsewhere="Start a new job (POST /v1/jobs) for the same work.",
        ),
        Kind(
            "publications",
            Publication,
            publications.resend_silent,
            open=Publication.state.in_(IN_FLIGHT_STATES),
            failing=Publication.sends > 0,
            error=Publication.error,
            in_workspace=lambda workspace_id: Publication.workspace_id == workspace_id,
            retry_elsewhere="Retry it with POST /v1/publications/{id}/retry.",
        ),
        Kind(
            "webhook_deliveries",
            Delivery,
            webhooks.resend_due,
            open=Delivery.state.in_(("received", "failed")),
            failing=(Delivery.sends > 0) | (Delivery.state == "failed"),
            error=Delivery.error,
            in_workspace=_delivery_in_workspace,
            retry=webhooks.retry_dead,
        ),
        Kind(
            "notification_subscriptions",
            NotificationSubscription,
            notifications.resend_due,
            open=NotificationSubscription.state == "pending",
            failing=(NotificationSubscription.sends > 0)
            | NotificationSubscription.error.is_not(None),
            error=NotificationSubscription.error,
            in_workspace=lambda workspace_id: NotificationSubscription.workspace_id == workspace_id,
            retry=notifications.retry_dead,
        ),
        Kind(
            "alert_notifications",
            AlertNotification,
            alert_notices.resend_due,
            open=AlertNotification.state.in_(("pending", "failed")),
            failing=(AlertNotification.sends > 0) | (AlertNotification.state == "failed"),
            error=AlertNotification.error,
            in_workspace=_alert_notice_in_workspace,
            retry=alert_notices.retry_dead,
        ),
        Kind(
            health.KIND,
            AIHealthRun,
            health.resend_due,
            open=AIHealthRun.state.in_(("queued", "running")),
            failing=AIHealthRun.sends > 0,
            error=AIHealthRun.error,
            in_workspace=lambda workspace_id: AIHealthRun.workspace_id == workspace_id,
            retry_elsewhere="Ask for a new run with POST /v1/ai/health/runs.",
        ),
    )
}
