"""Every operation of the generated Python client, called through its async API against the app
in process (a real database, one rolled-back transaction per test), each answer checked. The
last test lists the operations of api-clients/openapi.json and of the generated package and
fails naming any that no test here called."""

from __future__ import annotations

import base64
import io
import json
import pkgutil
import re
import socket
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import stakazo_client.api
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from stakazo_client import AuthenticatedClient, Client
from stakazo_client.api.accounts import (
    accounts_best_times,
    accounts_creator_info,
    accounts_disconnect,
    accounts_list,
    accounts_quota,
    accounts_refresh,
    accounts_start_connect,
)
from stakazo_client.api.ai_health import (
    ai_health_create_run,
    ai_health_get_run,
    ai_health_list_runs,
)
from stakazo_client.api.alerts import (
    alerts_acknowledge,
    alerts_get,
    alerts_list,
    alerts_silence,
    alerts_unsilence,
)
from stakazo_client.api.assets import (
    assets_delete,
    assets_get,
    assets_get_timeline,
    assets_list,
    assets_update,
)
from stakazo_client.api.auth import (
    auth_change_password,
    auth_list_security_events,
    auth_login,
    auth_logout,
    auth_me,
    auth_refresh,
    auth_refresh_session,
    auth_register,
    auth_sign_in,
    auth_sign_out,
)
from stakazo_client.api.calendar import calendar_list
from stakazo_client.api.campaigns import (
    campaigns_change_state,
    campaigns_create,
    campaigns_delete,
    campaigns_get,
    campaigns_import_schedule,
    campaigns_list,
    campaigns_list_posts,
    campaigns_plan,
    campaigns_update,
)
from stakazo_client.api.captions import (
    captions_get_brand,
    captions_list_presets,
    captions_set_brand,
)
from stakazo_client.api.clips import (
    clips_edit,
    clips_get,
    clips_get_transcript,
    clips_list,
    clips_list_variants,
    clips_list_versions,
    clips_merge,
    clips_request_variant,
    clips_split,
    clips_update,
)
from stakazo_client.api.debug import debug_jobs_summary
from stakazo_client.api.invitations import (
    invitations_accept,
    invitations_decline,
    invitations_list_mine,
)
from stakazo_client.api.jobs import jobs_cancel, jobs_create, jobs_get, jobs_list
from stakazo_client.api.ledger import ledger_list_events, ledger_verify
from stakazo_client.api.members import (
    members_add,
    members_change_role,
    members_deactivate,
    members_list,
    members_list_roles,
    members_list_workspace_invitations,
    members_reactivate,
    members_remove,
    members_revoke_invitation,
)
from stakazo_client.api.outbox import outbox_overview, outbox_retry
from stakazo_client.api.overview import overview_get
from stakazo_client.api.publications import (
    publications_cancel,
    publications_confirm_publish,
    publications_create,
    publications_get,
    publications_list,
    publications_metrics,
    publications_preflight,
    publications_reject,
    publications_retry,
    publications_schedule,
    publications_submit,
)
from stakazo_client.api.rules import (
    rules_active_platform_rules,
    rules_approve_platform_rules,
    rules_list_platform_rules,
    rules_list_scoring_weights,
    rules_propose_platform_rules,
    rules_reject_platform_rules,
)
from stakazo_client.api.scoring import (
    scoring_activate_model,
    scoring_clip_score,
    scoring_get_model,
    scoring_list_models,
    scoring_reject_model,
    scoring_train,
)
from stakazo_client.api.telemetry import (
    telemetry_get_series,
    telemetry_get_snapshot,
    telemetry_list_metrics,
    telemetry_list_workers,
)
from stakazo_client.api.uploads import (
    uploads_file,
    uploads_tus_create,
    uploads_tus_head,
    uploads_tus_options,
    uploads_tus_patch,
    uploads_tus_terminate,
)
from stakazo_client.api.workspaces import (
    workspaces_create,
    workspaces_current,
    workspaces_list,
    workspaces_rename,
)
from stakazo_client.models import (
    AccountsStartConnectPlatform,
    AddMemberRequest,
    ApproveRules,
    CampaignIn,
    CampaignPatch,
    CampaignsImportScheduleBody,
    CaptionBrand,
    ChangePasswordRequest,
    ChangeRoleRequest,
    ClipEdit,
    ConfirmPublish,
    ConnectRequest,
    CreateJobRequest,
    CreatePublications,
    CreateVariantRequest,
    CreateWorkspaceRequest,
    ErrorBody,
    LoginRequest,
    MergeRequest,
    OutboxRetryKind,
    PlanRequest,
    ProposeRules,
    RefreshRequest,
    RegisterRequest,
    RejectPublication,
    RejectRules,
    RenameWorkspaceRequest,
    SchedulePublication,
    SilenceRequest,
    SplitRequest,
    StateChange,
    TrainRequest,
    TrainRequestPlatformType0,
    UpdateAssetRequest,
    UpdateClipRequest,
    UploadsFileBody,
)
from stakazo_client.types import File, Response

from backend.app import create_app
from backend.config import Settings
from backend.models import Alert, AssetTimeline, ScoringModel, Workspace
from tests.factories import POST_CHOICES, create_clip, create_platform_account, create_publication
from tests.paths import TEST_MEDIA
from tests.publishing.support import clip_with_variants, make_compliant_video

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "api-clients" / "openapi.json").read_text())
PASSWORD = "plum-orbit-lantern-42"
VIDEO = TEST_MEDIA / "portrait_rot-90_from_friday.mp4"
TUS = "1.0.0"

# operation id -> how many answers it gave to this module's calls (filled by a response hook).
CALLED: dict[str, int] = {}


def _route_patterns() -> list[tuple[str, re.Pattern[str], str]]:
    patterns = []
    for path, methods in SCHEMA["paths"].items():
        regex = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")
        for method, operation in methods.items():
            patterns.append((method.upper(), regex, operation["operationId"]))
    return patterns


ROUTES = _route_patterns()


async def _record(response: httpx.Response) -> None:
    request = response.request
    for method, regex, operation_id in ROUTES:
        if request.method == method and regex.match(request.url.path):
            CALLED[operation_id] = CALLED.get(operation_id, 0) + 1
            return
    raise AssertionError(f"{request.method} {request.url.path} is no operation of the schema")


class Api:
    """Clients of the generated package wired to the app in process."""

    def __init__(self, app: Any) -> None:
        self.app = app

    def _args(self) -> dict[str, Any]:
        transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
        return {"transport": transport, "event_hooks": {"response": [_record]}}

    def anonymous(self, **headers: str) -> Client:
        return Client(base_url="https://test", headers=headers, httpx_args=self._args())

    def signed_in(self, token: str, workspace_id: Any = None) -> AuthenticatedClient:
        headers = {"X-Workspace-Id": str(workspace_id)} if workspace_id else {}
        return AuthenticatedClient(
            base_url="https://test", token=token, headers=headers, httpx_args=self._args()
        )


async def call(
    operation: ModuleType | Callable[..., Awaitable[Response[Any]]],
    *args: Any,
    expect: int,
    **kwargs: Any,
) -> Any:
    """The operation's async form; asserts the status and that documented errors parse."""
    detailed = getattr(operation, "asyncio_detailed", operation)
    response: Response[Any] = await detailed(*args, **kwargs)
    assert response.status_code == expect, (response.status_code, response.content[:500])
    if expect >= 400 and response.content:  # (a HEAD answer has no body)
        assert isinstance(response.parsed, ErrorBody), response.content
    return response.parsed if response.content else response


@pytest.fixture
def api(settings: Settings, session_factory: async_sessionmaker[AsyncSession]) -> Api:
    # No sandbox server runs in this process: the platform calls go to a port nobody listens on
    # (the default, :8000, may be a `make run` on this machine).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    nowhere = settings.model_copy(update={"sandbox_url": f"http://127.0.0.1:{closed_port}/sandbox"})
    return Api(create_app(nowhere, session_factory=session_factory))


async def register(api: Api, email: str | None = None) -> tuple[AuthenticatedClient, Any]:
    """A new account (and its first workspace) through the client, signed in with a token."""
    email = email or f"owner-{uuid.uuid4().hex[:8]}@example.com"
    async with api.anonymous() as anonymous:
        registered = await call(
            auth_register,
            client=anonymous,
            body=RegisterRequest(email=email, password=PASSWORD, name="Owner"),
            expect=201,
        )
        tokens = await call(
            auth_login, client=anonymous, body=LoginRequest(email, PASSWORD), expect=200
        )
    return api.signed_in(tokens.access_token, registered.workspace.workspace_id), registered


async def test_auth_sessions_and_workspaces(api: Api) -> None:
    owner, registered = await register(api)
    email = registered.user.email
    async with owner:
        me = await call(auth_me, client=owner, expect=200)
        assert me.user.email == email
        events = await call(auth_list_security_events, client=owner, expect=200)
        assert events.items
        await call(
            auth_change_password,
            client=owner,
            body=ChangePasswordRequest(PASSWORD, PASSWORD + "-new"),
            expect=204,
        )

        listed = await call(workspaces_list, client=owner, expect=200)
        assert [w.id for w in listed.items] == [registered.workspace.workspace_id]
        current = await call(workspaces_current, client=owner, expect=200)
        assert current.role == "admin"
        renamed = await call(
            workspaces_rename, client=owner, body=RenameWorkspaceRequest("Acme"), expect=200
        )
        assert renamed.name == "Acme"
        created = await call(
            workspaces_create, client=owner, body=CreateWorkspaceRequest("Second"), expect=201
        )
        assert created.name == "Second"
        summary = await call(debug_jobs_summary, client=owner, expect=200)
        assert summary is not None

    async with api.anonymous() as anonymous:
        tokens = await call(
            auth_login, client=anonymous, body=LoginRequest(email, PASSWORD + "-new"), expect=200
        )
        renewed = await call(
            auth_refresh, client=anonymous, body=RefreshRequest(tokens.refresh_token), expect=200
        )
        assert renewed.access_token != tokens.access_token
    async with api.signed_in(renewed.access_token) as program:
        await call(auth_logout, client=program, expect=204)
        await call(auth_me, client=program, expect=401)

    # A browser session: cookies, and the CSRF token on unsafe methods.
    async with api.anonymous() as browser:
        started = await call(
            auth_sign_in, client=browser, body=LoginRequest(email, PASSWORD + "-new"), expect=200
        )
        await call(auth_refresh_session, client=browser, expect=403)  # no CSRF token
        # On the open httpx client, which holds the session's cookies.
        browser.get_async_httpx_client().headers["X-CSRF-Token"] = started.csrf_token
        again = await call(auth_refresh_session, client=browser, expect=200)
        assert again.csrf_token == started.csrf_token
        await call(auth_sign_out, client=browser, expect=204)
        await call(auth_refresh_session, client=browser, expect=401)


async def test_members_roles_and_invitations(api: Api) -> None:
    owner, _ = await register(api)
    guest_email = f"guest-{uuid.uuid4().hex[:8]}@example.com"
    async with owner:
        roles = await call(members_list_roles, client=owner, expect=200)
        assert {r.name for r in roles.items} >= {"admin", "editor", "viewer"}
        invited = await call(
            members_add,
            client=owner,
            body=AddMemberRequest.from_dict(
                {"email": guest_email, "role": "editor", "password": PASSWORD}
            ),
            expect=202,
        )
        assert invited.state == "pending"
        # A second workspace invites the guest too (to decline), and a third person (revoked).
        second = await call(
            workspaces_create, client=owner, body=CreateWorkspaceRequest("Other"), expect=201
        )
        # (A client of its own: with_headers on an open client changes that client too.)
        in_second = api.signed_in(owner.token, second.id)
        declined = await call(
            members_add,
            client=in_second,
            body=AddMemberRequest.from_dict({"email": guest_email, "role": "viewer"}),
            expect=202,
        )
        revoked = await call(
            members_add,
            client=in_second,
            body=AddMemberRequest.from_dict({"email": "nobody@example.com", "role": "viewer"}),
            expect=202,
        )
        waiting = await call(members_list_workspace_invitations, client=in_second, expect=200)
        assert {i.id for i in waiting.items} == {declined.id, revoked.id}
        await call(members_revoke_invitation, revoked.id, client=in_second, expect=204)

        async with api.anonymous() as anonymous:
            tokens = await call(
                auth_login, client=anonymous, body=LoginRequest(guest_email, PASSWORD), expect=200
            )
        async with api.signed_in(tokens.access_token) as guest:
            mine = await call(invitations_list_mine, client=guest, expect=200)
            assert {i.id for i in mine.items} == {invited.id, declined.id}
            accepted = await call(invitations_accept, invited.id, client=guest, expect=200)
            assert accepted.state == "accepted"
            no = await call(invitations_decline, declined.id, client=guest, expect=200)
            assert no.state == "declined"

        members = await call(members_list, client=owner, expect=200)
        [member] = [m for m in members.items if m.email == guest_email]
        assert member.role == "editor"
        changed = await call(
            members_change_role,
            member.user_id,
            client=owner,
            body=ChangeRoleRequest.from_dict({"role": "viewer"}),
            expect=200,
        )
        assert changed.role == "viewer"
        off = await call(members_deactivate, member.user_id, client=owner, expect=200)
        assert off.is_active is False
        on = await call(members_reactivate, member.user_id, client=owner, expect=200)
        assert on.is_active is True
        await call(members_remove, member.user_id, client=owner, expect=204)
        members = await call(members_list, client=owner, expect=200)
        assert guest_email not in {m.email for m in members.items}


async def test_uploads_assets_jobs_and_ledger(api: Api) -> None:
    owner, _ = await register(api)
    data = VIDEO.read_bytes()
    async with api.anonymous() as anonymous:
        discovered = await call(uploads_tus_options, client=anonymous, expect=204)
        assert discovered.headers["Tus-Version"] == TUS
    async with owner:
        form = UploadsFileBody(file=File(io.BytesIO(data), "portrait.mp4", "video/mp4"))
        uploaded = await call(uploads_file, client=owner, body=form, expect=201)
        asset_id = uploaded.id

        # The same file over tus, in two chunks, gives the same asset (deduplicated).
        name = base64.b64encode(b"portrait.mp4").decode()
        upload = await call(
            uploads_tus_create,
            client=owner,
            upload_length=len(data),
            upload_metadata=f"filename {name}",
            tus_resumable=TUS,
            expect=201,
        )
        half = len(data) // 2
        sent = await call(
            uploads_tus_patch,
            upload.id,
            client=owner,
            body=File(io.BytesIO(data[:half])),
            upload_offset=0,
            tus_resumable=TUS,
            expect=204,
        )
        assert sent.headers["Upload-Offset"] == str(half)
        head = await call(uploads_tus_head, upload.id, client=owner, tus_resumable=TUS, expect=200)
        assert head.headers["Upload-Offset"] == str(half)
        last = await call(
            uploads_tus_patch,
            upload.id,
            client=owner,
            body=File(io.BytesIO(data[half:])),
            upload_offset=half,
            tus_resumable=TUS,
            expect=204,
        )
        assert last.headers["Stakazo-Asset-Id"] == str(asset_id)

        abandoned = await call(
            uploads_tus_create,
            client=owner,
            upload_length=10,
            upload_metadata=f"filename {name}",
            tus_resumable=TUS,
            expect=201,
        )
        await call(uploads_tus_terminate, abandoned.id, client=owner, tus_resumable=TUS, expect=204)
        await call(uploads_tus_head, abandoned.id, client=owner, tus_resumable=TUS, expect=404)

        assets = await call(assets_list, client=owner, expect=200)
        assert [a.id for a in assets.items] == [asset_id]
        asset = await call(assets_get, asset_id, client=owner, expect=200)
        assert asset.size_bytes == len(data)
        # Analysis needs the worker: until it ran, the documented answer is 404 not ready.
        timeline = await call(assets_get_timeline, asset_id, client=owner, expect=404)
        assert timeline.error == "timeline_not_ready"

        jobs = await call(jobs_list, client=owner, expect=200)
        assert any(j.asset_id == asset_id for j in jobs.items)  # processing was queued
        counts = await call(overview_get, client=owner, expect=200)
        assert counts.assets.total == 1
        assert counts.jobs.total == len(jobs.items)
        audit = await call(
            jobs_create,
            client=owner,
            body=CreateJobRequest.from_dict({"type": "ledger.audit"}),
            expect=202,
        )
        job = await call(jobs_get, audit.id, client=owner, expect=200)
        assert job.state == "pending"
        cancelled = await call(jobs_cancel, audit.id, client=owner, expect=200)
        assert cancelled.state == "cancelled"

        events = await call(ledger_list_events, client=owner, asset_id=asset_id, expect=200)
        assert any(e.type_.startswith("asset.") for e in events.items)
        verified = await call(ledger_verify, client=owner, expect=200)
        assert verified.intact is True
        overview = await call(outbox_overview, client=owner, expect=200)
        assert overview.counts is not None
        await call(
            outbox_retry,
            OutboxRetryKind.WEBHOOK_DELIVERIES,
            uuid.uuid4(),
            client=owner,
            expect=404,
        )
        rules = await call(rules_list_platform_rules, client=owner, expect=200)
        assert rules.items
        change = {"platform": "tiktok", "rules": {"posts_per_day": 10}, "note": "fewer"}
        proposed = await call(
            rules_propose_platform_rules, client=owner, body=ProposeRules.from_dict(change),
            expect=201,
        )  # fmt: skip
        assert proposed.status == "proposed"
        # The owner is the instance's only admin here, so approves their own proposal.
        approved = await call(
            rules_approve_platform_rules, proposed.id, client=owner, body=ApproveRules(),
            expect=200,
        )  # fmt: skip
        assert approved.status == "approved"
        active = await call(rules_active_platform_rules, client=owner, expect=200)
        assert active.additional_properties["tiktok"].rules.posts_per_day == 10
        again = await call(
            rules_propose_platform_rules, client=owner,
            body=ProposeRules.from_dict({**change, "rules": {"posts_per_day": 5}}), expect=201,
        )  # fmt: skip
        rejected = await call(
            rules_reject_platform_rules, again.id, client=owner, body=RejectRules(note="no"),
            expect=200,
        )  # fmt: skip
        assert rejected.status == "rejected"
        weights = await call(rules_list_scoring_weights, client=owner, expect=200)
        assert weights.items

        tagged = await call(
            assets_update, asset_id, client=owner,
            body=UpdateAssetRequest.from_dict({"tags": ["Launch"]}), expect=200,
        )  # fmt: skip
        assert tagged.tags == ["launch"]
        await call(assets_delete, asset_id, client=owner, expect=204)
        await call(assets_get, asset_id, client=owner, expect=404)


async def test_clips_accounts_and_publications(
    api: Api, session: AsyncSession, settings: Settings, scratch_dir: Path
) -> None:
    owner, registered = await register(api)
    workspace = await session.get(Workspace, registered.workspace.workspace_id)
    assert workspace is not None
    video = make_compliant_video(scratch_dir / "compliant.mp4")
    clip, _ = await clip_with_variants(session, settings, workspace, video)
    accounts = {
        platform: await create_platform_account(session, workspace, platform)
        for platform in ("instagram", "tiktok", "youtube")
    }
    await session.commit()

    async with owner:
        clips = await call(clips_list, client=owner, expect=200)
        assert [c.id for c in clips.items] == [clip.id]
        got = await call(clips_get, clip.id, client=owner, expect=200)
        assert got.asset_id == clip.asset_id
        variants = await call(clips_list_variants, clip.id, client=owner, expect=200)
        assert {v.platform for v in variants.items} == {"instagram", "tiktok", "youtube"}
        requested = await call(
            clips_request_variant,
            clip.id,
            client=owner,
            body=CreateVariantRequest.from_dict({"platform": "tiktok", "captions": True}),
            expect=202,
        )
        assert requested.platform == "tiktok"
        approved = await call(
            clips_update,
            clip.id,
            client=owner,
            body=UpdateClipRequest.from_dict({"status": "approved"}),
            expect=200,
        )
        assert approved.status == "approved"

        listed = await call(accounts_list, client=owner, expect=200)
        assert {a.id for a in listed.items} == {a.id for a in accounts.values()}
        started = await call(
            accounts_start_connect,
            AccountsStartConnectPlatform.TIKTOK,
            client=owner,
            body=ConnectRequest(),
            expect=200,
        )
        assert started.sandbox is True
        assert "/sandbox/" in started.authorize_url
        # These two ask the platform itself; no sandbox server answers in this process.
        info = await accounts_creator_info.asyncio_detailed(accounts["tiktok"].id, client=owner)
        assert info.status_code == 502, info.content
        refreshed = await accounts_refresh.asyncio_detailed(accounts["youtube"].id, client=owner)
        assert refreshed.status_code == 502, refreshed.content

        # TikTok's daily cap is counted by Stakazo: nothing posted yet, all of it left.
        allowance = await call(accounts_quota, accounts["tiktok"].id, client=owner, expect=200)
        assert (allowance.source, allowance.used) == ("counted", 0)
        assert allowance.remaining == allowance.limit

        spec = {"clip_id": str(clip.id), "caption": "Hello", "submit": False, **POST_CHOICES}
        created = await call(
            publications_create,
            client=owner,
            body=CreatePublications.from_dict(
                {**spec, "account_ids": [str(a.id) for a in accounts.values()]}
            ),
            expect=201,
        )
        by_platform = {p.platform: p for p in created.items}
        assert {p.state for p in created.items} == {"draft"}
        listed_publications = await call(publications_list, client=owner, expect=200)
        assert len(listed_publications.items) == 3
        instagram = by_platform["instagram"]
        submitted = await call(publications_submit, instagram.id, client=owner, expect=200)
        assert submitted.state == "awaiting_approval"
        confirmed = await call(
            publications_confirm_publish,
            client=owner,
            body=ConfirmPublish.from_dict({"publication_ids": [str(instagram.id)]}),
            expect=200,
        )
        assert [p.id for p in confirmed.items] == [instagram.id]
        got_publication = await call(publications_get, instagram.id, client=owner, expect=200)
        assert got_publication.state not in ("draft", "awaiting_approval")
        metrics = await call(publications_metrics, instagram.id, client=owner, expect=200)
        assert metrics.items == []  # nothing published yet
        later = (datetime.now(UTC) + timedelta(days=2)).replace(microsecond=0)
        moved = await call(
            publications_schedule,
            by_platform["youtube"].id,
            client=owner,
            body=SchedulePublication.from_dict({"publish_at": later.isoformat()}),
            expect=200,
        )
        assert (moved.state, moved.publish_at) == ("draft", later)
        checked = await call(
            publications_preflight, by_platform["youtube"].id, client=owner, expect=200
        )
        assert (checked.ok, checked.problems) == (True, [])
        tiktok = by_platform["tiktok"]
        stopped = await call(publications_cancel, tiktok.id, client=owner, expect=200)
        assert stopped.state == "cancelled"
        await call(publications_retry, by_platform["youtube"].id, client=owner, expect=409)

        gone = await call(accounts_disconnect, accounts["instagram"].id, client=owner, expect=200)
        assert gone.status == "disconnected"


async def test_telemetry_alerts_and_ai_health(api: Api, session: AsyncSession) -> None:
    owner, registered = await register(api)
    workspace_id = registered.workspace.workspace_id
    alert = Alert(
        scope=str(workspace_id),
        workspace_id=workspace_id,
        rule="failure_rate",
        key="failure_rate:5m",
        severity="warning",
        title="Jobs are failing",
        message="3 of the last 4 jobs failed.",
    )
    session.add(alert)
    await session.commit()

    async with owner:
        snapshot = await call(telemetry_get_snapshot, client=owner, expect=200)
        assert snapshot.scope == "workspace"
        assert snapshot.workspace_id == workspace_id
        names = await call(telemetry_list_metrics, client=owner, expect=200)
        assert "jobs.running" in names.names
        series = await call(telemetry_get_series, client=owner, metric="jobs.running", expect=200)
        assert series.metric == "jobs.running"
        await call(telemetry_get_series, client=owner, metric="no.such.metric", expect=422)
        workers = await call(telemetry_list_workers, client=owner, expect=200)
        assert workers.workers == []

        listed = await call(alerts_list, client=owner, expect=200)
        assert [a.id for a in listed.items] == [alert.id]
        got = await call(alerts_get, alert.id, client=owner, expect=200)
        assert got.title == "Jobs are failing"
        acknowledged = await call(alerts_acknowledge, alert.id, client=owner, expect=200)
        assert acknowledged.acknowledged_at is not None
        silenced = await call(
            alerts_silence, alert.id, client=owner, body=SilenceRequest(minutes=30), expect=200
        )
        assert silenced.silenced is True
        unsilenced = await call(alerts_unsilence, alert.id, client=owner, expect=200)
        assert unsilenced.silenced is False
        await call(alerts_get, uuid.uuid4(), client=owner, expect=404)

        run = await call(ai_health_create_run, client=owner, expect=202)
        assert run.state == "queued"
        runs = await call(ai_health_list_runs, client=owner, expect=200)
        assert [r.id for r in runs.items] == [run.id]
        again = await call(ai_health_get_run, run.id, client=owner, expect=200)
        assert again.trigger == "manual"


async def test_scoring(api: Api, session: AsyncSession) -> None:
    owner, registered = await register(api)
    workspace = await session.get(Workspace, registered.workspace.workspace_id)
    assert workspace is not None
    clip = await create_clip(
        session,
        workspace,
        features={"hook": 0.5, "duration_fit": {"tiktok": 1.0}},
        scores={"tiktok": 0.6, "youtube": 0.1},
    )
    older, newer = (
        ScoringModel(
            workspace_id=workspace.id,
            platform="tiktok",
            version=version,
            kind="linear",
            state="retired" if version == 1 else "candidate",
            params={"weights": {"hook": 0.8, "duration_fit": 0.2}, "baseline": 0.0},
        )
        for version in (1, 2)
    )
    session.add_all([older, newer])
    await session.commit()

    async with owner:
        body = TrainRequest(platform=TrainRequestPlatformType0.TIKTOK)
        job = await call(scoring_train, client=owner, body=body, expect=202)
        assert (job.type_, job.state) == ("scoring.train", "pending")
        listed = await call(scoring_list_models, client=owner, expect=200)
        assert sorted(m.version for m in listed.items) == [1, 2]
        got = await call(scoring_get_model, older.id, client=owner, expect=200)
        assert got.metrics.enough_data is False
        active = await call(scoring_activate_model, older.id, client=owner, expect=200)
        assert active.state == "active"
        await call(scoring_reject_model, older.id, client=owner, expect=409)
        rejected = await call(scoring_reject_model, newer.id, client=owner, expect=200)
        assert rejected.state == "rejected"
        score = await call(scoring_clip_score, clip.id, client=owner, expect=200)
        assert score.model is not None
        assert score.model.version == 1
        assert abs(score.score - 0.6) < 1e-9
        assert [c.feature for c in score.contributions] == ["hook", "duration_fit"]


async def test_campaigns(api: Api, session: AsyncSession) -> None:
    owner, registered = await register(api)
    workspace = await session.get(Workspace, registered.workspace.workspace_id)
    assert workspace is not None
    account = await create_platform_account(session, workspace, "instagram", username="brand")
    clip = await create_clip(session, workspace)
    await session.commit()
    starts = datetime.now(UTC).date() + timedelta(days=1)
    slots = [{"weekday": day, "time": "12:00"} for day in range(7)]
    spec = {
        "name": "Launch",
        "time_zone": "Europe/Madrid",
        "starts_on": starts.isoformat(),
        "ends_on": (starts + timedelta(days=2)).isoformat(),
        "targets": [{"account_id": str(account.id), "slots": slots}],
    }

    async with owner:
        created = await call(
            campaigns_create, client=owner, body=CampaignIn.from_dict(spec), expect=201
        )
        assert created.state.value == "draft"
        listed = await call(campaigns_list, client=owner, expect=200)
        assert [c.id for c in listed.items] == [created.id]
        got = await call(campaigns_get, created.id, client=owner, expect=200)
        assert got.targets[0].username == "brand"
        renamed = await call(
            campaigns_update,
            created.id,
            client=owner,
            body=CampaignPatch.from_dict({"name": "Launch week"}),
            expect=200,
        )
        assert renamed.name == "Launch week"
        preview = await call(
            campaigns_plan, created.id, client=owner, body=PlanRequest(), expect=200
        )
        assert [p.clip_id for p in preview.picks] == [clip.id]  # one clip: the rest are skips
        assert {s.constraint for s in preview.skips} == {"no_clip"}
        applied = await call(
            campaigns_plan, created.id, client=owner, body=PlanRequest(apply=True), expect=200
        )
        assert applied.created == 1
        posts = await call(campaigns_list_posts, created.id, client=owner, expect=200)
        assert posts.items[0].publication_state == "awaiting_approval"
        schedule = f"account,clip_id,at\n@brand,{clip.id},{starts}T18:00\n".encode()
        refused = await call(
            campaigns_import_schedule,
            created.id,
            client=owner,
            body=CampaignsImportScheduleBody(file=File(io.BytesIO(schedule), "s.csv", "text/csv")),
            expect=422,
        )
        assert refused.detail.startswith("1 line(s) have errors")
        paused = await call(
            campaigns_change_state,
            created.id,
            client=owner,
            body=StateChange.from_dict({"state": "paused"}),
            expect=200,
        )
        assert paused.state.value == "paused"
        await call(campaigns_delete, created.id, client=owner, expect=409)
        draft = await call(
            campaigns_create, client=owner, body=CampaignIn.from_dict(spec), expect=201
        )
        await call(campaigns_delete, draft.id, client=owner, expect=204)


async def test_approvals_calendar_and_best_times(api: Api, session: AsyncSession) -> None:
    owner, registered = await register(api)
    workspace = await session.get(Workspace, registered.workspace.workspace_id)
    assert workspace is not None
    account = await create_platform_account(session, workspace, "tiktok")
    at = (datetime.now(UTC) + timedelta(days=1)).replace(microsecond=0)
    waiting = await create_publication(
        session, account, state="awaiting_approval", publish_at=at, approvals_required=2
    )
    await session.commit()

    async with owner:
        confirmed = await call(
            publications_confirm_publish,
            client=owner,
            body=ConfirmPublish.from_dict({"publication_ids": [str(waiting.id)]}),
            expect=200,
        )
        [once] = confirmed.items
        assert (once.state, once.approvals, once.approvals_required) == ("awaiting_approval", 1, 2)
        shown = await call(
            calendar_list, client=owner, from_=at - timedelta(hours=1), to=at, expect=200
        )
        assert shown.items == []  # `to` is exclusive
        shown = await call(
            calendar_list, client=owner, from_=at, to=at + timedelta(hours=1), expect=200
        )
        [item] = shown.items
        assert (item.publication_id, item.approvals.count, item.approvals.required) == (
            waiting.id,
            1,
            2,
        )
        rejected = await call(
            publications_reject,
            waiting.id,
            client=owner,
            body=RejectPublication(reason="Not this week."),
            expect=200,
        )
        assert rejected.state == "cancelled"
        times = await call(accounts_best_times, account.id, client=owner, expect=200)
        assert times.based_on_posts == 0
        assert {t.source for t in times.times} == {"platform_default"}
        await call(accounts_best_times, account.id, client=owner, tz="Nowhere/Else", expect=422)


async def test_clip_editor_and_caption_styles(api: Api, session: AsyncSession) -> None:
    owner, registered = await register(api)
    workspace = await session.get(Workspace, registered.workspace.workspace_id)
    assert workspace is not None
    clip = await create_clip(session, workspace, start_seconds=10.0, end_seconds=20.0)
    words = [("one", 10.5, 11.0), ("two", 12.0, 12.5), ("three", 15.0, 15.5)]
    timeline = {
        "duration": 120.0,
        "shots": [14.0],
        "words": [{"text": t, "start": a, "end": b} for t, a, b in words],
        "speech_engine": "openai",
    }
    session.add(AssetTimeline(asset_id=clip.asset_id, data=timeline))
    await session.commit()

    async with owner:
        transcript = await call(clips_get_transcript, clip.id, client=owner, expect=200)
        assert [w.text for w in transcript.words] == ["one", "two", "three"]
        edited = await call(
            clips_edit,
            clip.id,
            client=owner,
            body=ClipEdit.from_dict({"word_fixes": [{"index": 0, "text": "One"}]}),
            expect=201,
        )
        assert (edited.version, edited.transcript) == (2, "One two three")
        versions = await call(clips_list_versions, edited.id, client=owner, expect=200)
        assert [v.version for v in versions.items] == [2, 1]
        parts = await call(
            clips_split, edited.id, client=owner, body=SplitRequest(at_seconds=14.1), expect=201
        )
        assert [c.end_seconds for c in parts.clips] == [14.0, 20.0]
        merged = await call(
            clips_merge,
            client=owner,
            body=MergeRequest(clip_ids=[c.id for c in parts.clips]),
            expect=201,
        )
        assert (merged.start_seconds, merged.end_seconds, merged.version) == (10.0, 20.0, 4)

        presets = await call(captions_list_presets, client=owner, expect=200)
        assert "karaoke" in [p.name for p in presets.items]
        brand = CaptionBrand.from_dict({"brand": {"base": "karaoke", "colour": "#00ff00"}})
        saved = await call(captions_set_brand, client=owner, body=brand, expect=200)
        assert saved.brand is not None
        assert saved.brand.additional_properties["colour"] == "#00FF00"
        got = await call(captions_get_brand, client=owner, expect=200)
        assert got.brand is not None
        assert got.brand.additional_properties["base"] == "karaoke"


def _package_operations() -> set[str]:
    """The operation modules of the generated package (module name = operation id)."""
    found = set()
    for tag in pkgutil.iter_modules(stakazo_client.api.__path__):
        package = __import__(f"stakazo_client.api.{tag.name}", fromlist=["_"])
        for module in pkgutil.iter_modules(package.__path__):
            found.add(module.name.replace("_", "-"))
    return found


def test_every_operation_is_called() -> None:
    """Runs last in this module: the operations above must cover the whole client."""
    in_schema = {
        op["operationId"] for methods in SCHEMA["paths"].values() for op in methods.values()
    }
    in_package = _package_operations()
    normalised = {op.replace("_", "-") for op in in_schema}
    assert in_package == normalised, (
        f"generated package and schema differ: {sorted(in_package ^ normalised)}"
    )
    never = sorted(in_schema - set(CALLED))
    assert not never, f"operations of the client never called by a test: {never}"
