"""Two workspaces full of real rows, for probing one from the other.

Each workspace has an admin, an editor and a viewer who are signed in, one more member to act
on, and one row of every kind an API route can name by id: asset, clip, variant, job,
publication, connected account, tus upload, invitation, alert, ledger event, AI health
run, scoring model, campaign and proposed platform rule."""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.iam.permissions import ROLE_NAMES
from backend.iam.service import role_by_name
from backend.models import (
    AIHealthRun,
    Alert,
    Campaign,
    CampaignTarget,
    Invitation,
    Job,
    PlatformRule,
    ScoringModel,
    Variant,
    Workspace,
)
from core.clock import utcnow
from tests.factories import (
    auth_headers,
    create_clip,
    create_member,
    create_platform_account,
    create_publication,
    create_workspace,
)

TUS = {"Tus-Resumable": "1.0.0"}


@dataclass
class Tenant:
    workspace: Workspace
    marker: str
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # role -> signed-in headers
    ids: dict[str, uuid.UUID] = field(default_factory=dict)  # kind -> row id
    secrets: list[str] = field(default_factory=list)  # strings no other tenant may ever read

    def as_member_of(self, role: str, other: Tenant) -> dict[str, str]:
        """This tenant's ``role`` member's token, naming ``other``'s workspace."""
        return {**self.headers[role], "X-Workspace-Id": str(other.workspace.id)}


async def build_tenant(client: httpx.AsyncClient, session: AsyncSession, name: str) -> Tenant:
    marker = f"{name}-{uuid.uuid4().hex[:12]}"
    workspace = await create_workspace(session, name=f"workspace {marker}")
    tenant = Tenant(workspace=workspace, marker=marker)
    members = {
        role: await create_member(session, workspace, role, email=f"{role}-{marker}@example.com")
        for role in ROLE_NAMES
    }
    target = await create_member(session, workspace, "viewer", email=f"target-{marker}@example.com")
    clip = await create_clip(session, workspace, transcript=f"words of {marker}")
    variant = Variant(
        id=uuid.uuid4(),
        workspace_id=workspace.id,
        clip_id=clip.id,
        platform="tiktok",
        state="ready",
        storage_key=f"variants/{clip.id}/tiktok/video.mp4",
    )
    session.add(variant)
    job = Job(id=uuid.uuid4(), workspace_id=workspace.id, type="ledger.audit", params={})
    session.add(job)
    account = await create_platform_account(session, workspace, username=f"acct-{marker}")
    publication = await create_publication(
        session, account, clip, caption=f"caption {marker}", state="draft"
    )
    invitation = Invitation(
        id=uuid.uuid4(),
        workspace_id=workspace.id,
        email=f"invited-{marker}@example.com",
        role_id=(await role_by_name(session, "editor")).id,
        invited_by_id=members["admin"].id,
        expires_at=utcnow() + timedelta(days=1),
    )
    session.add(invitation)
    # Finished, so that an admin's probe of POST /v1/ai/health/runs is not refused as in progress.
    run = AIHealthRun(
        id=uuid.uuid4(), workspace_id=workspace.id, trigger="manual", state="succeeded"
    )
    session.add(run)
    # Retired, so that an admin's probe may activate it (and then reject it) like any old version.
    model = ScoringModel(
        id=uuid.uuid4(),
        workspace_id=workspace.id,
        platform="tiktok",
        version=1,
        kind="linear",
        state="retired",
        params={"weights": {"hook": 1.0}, "baseline": 0.0},
        note=f"model of {marker}",
    )
    session.add(model)
    event = await ledger.record(
        session,
        "security.probe",
        workspace_id=workspace.id,
        actor_id=members["admin"].id,
        user_id=target.id,
        asset_id=clip.asset_id,
        job_id=job.id,
        clip_id=clip.id,
        publication_id=publication.id,
        payload={"marker": marker},
    )
    alert = Alert(
        id=uuid.uuid4(),
        scope=str(workspace.id),
        workspace_id=workspace.id,
        rule="ledger_broken",
        key="ledger_broken",
        severity="critical",
        title=f"ledger of {marker}",
        message=f"the chain of {marker} does not hold",
    )
    session.add(alert)
    # A draft with one target: its name and caption template are the tenant's to read only.
    campaign = Campaign(
        id=uuid.uuid4(),
        workspace_id=workspace.id,
        name=f"campaign {marker}",
        starts_on=utcnow().date() + timedelta(days=1),
        ends_on=utcnow().date() + timedelta(days=2),
        caption_template=f"template {marker}",
    )
    session.add(campaign)
    await session.flush()
    session.add(
        CampaignTarget(
            id=uuid.uuid4(),
            campaign_id=campaign.id,
            account_id=account.id,
            slots=[{"weekday": day, "time": "12:00"} for day in range(7)],
        )
    )
    await session.commit()

    for role, user in members.items():
        tenant.headers[role] = await auth_headers(client, user, workspace)
    tenant.ids = {
        "asset_id": clip.asset_id,
        "clip_id": clip.id,
        "variant_id": variant.id,
        "job_id": job.id,
        # The outbox's retry route takes a kind and an item of it; the probe's kind is the first
        # of the schema's enum, jobs.
        "item_id": job.id,
        "account_id": account.id,
        "publication_id": publication.id,
        "user_id": target.id,
        "upload_id": await _start_tus_upload(client, tenant.headers["admin"], marker),
        "invitation_id": invitation.id,
        "alert_id": alert.id,
        "event_id": event.id,
        "run_id": run.id,
        "model_id": model.id,
        "campaign_id": campaign.id,
        # A campaign's sources are assets, named in its body as source_asset_ids.
        "source_asset_id": clip.asset_id,
        "actor_id": members["admin"].id,
        "workspace_id": workspace.id,
    }
    tenant.secrets = [marker, *(str(value) for value in tenant.ids.values())]
    tenant.secrets += [str(user.id) for user in members.values()]
    # A proposal by this workspace's editor: shared by every workspace, so not a secret (the
    # editor, who is, stays unnamed to the others).
    tenant.ids["rule_id"] = await _propose_rules(session, members["editor"].id)
    return tenant


async def _start_tus_upload(
    client: httpx.AsyncClient, headers: dict[str, str], marker: str
) -> uuid.UUID:
    filename = base64.b64encode(f"{marker}.mp4".encode()).decode()
    created = await client.post(
        "/v1/uploads/tus",
        headers={
            **headers,
            **TUS,
            "Upload-Length": "64",
            "Upload-Metadata": f"filename {filename}",
        },
    )
    assert created.status_code == 201, created.text
    return uuid.UUID(created.headers["location"].rsplit("/", 1)[1])


async def _propose_rules(session: AsyncSession, editor_id: uuid.UUID) -> uuid.UUID:
    newest = await session.scalar(
        select(func.max(PlatformRule.version)).where(PlatformRule.platform == "tiktok")
    )
    rule = PlatformRule(
        id=uuid.uuid4(),
        platform="tiktok",
        version=(newest or 0) + 1,
        rules={"caption_max_chars": 150},
        status="proposed",
        note="shorter captions",
        proposed_by_id=editor_id,
    )
    session.add(rule)
    await session.commit()
    return rule.id


def leaked(response: httpx.Response, victim: Tenant) -> list[str]:
    """Which of ``victim``'s ids and markers appear anywhere in the response."""
    text = response.text + " ".join(f"{k}: {v}" for k, v in response.headers.items())
    return [secret for secret in victim.secrets if secret in text]
