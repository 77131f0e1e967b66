"""What the pipeline follows (the active rules per platform, the active scoring weights) and how
platform rules change: an editor proposes a version, an admin approves or rejects it.

Rules are instance-wide facts about the platforms: every workspace follows the same active
version. Each decision goes on the system chain of the ledger (the instance's own record) and on
the deciding person's workspace chain (so the workspace's trail shows what its people did)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import structlog
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.errors import Conflict, Forbidden, NotFound
from backend.iam.context import WorkspaceContext
from backend.models import PlatformRule, ScoringWeights
from backend.pagination import Slice, Window
from backend.rules import repository
from backend.rules.document import changed_keys, full_rules, proposed_rules
from backend.rules.schemas import PlatformRulesDoc
from core.clock import utcnow
from core.errors import PermanentError

log = structlog.get_logger(__name__)


class RulesMissing(PermanentError):
    """The database has no approved rules or weights (a migration was not applied)."""


class RuleNotFound(NotFound):
    code = "rule_not_found"
    default_message = "No such platform rules version."


class RuleNotProposed(Conflict):
    code = "rule_not_proposed"
    default_message = "Only a proposed version can be approved or rejected."


class OwnProposal(Forbidden):
    code = "own_proposal"
    default_message = (
        "Someone else must approve this: a proposer may not approve their own change while "
        "another admin can."
    )


@dataclass(frozen=True)
class ScoringSetup:
    rules: dict[str, dict[str, Any]]
    weights: dict[str, dict[str, float]]
    weights_version: int


async def scoring_setup(session: AsyncSession) -> ScoringSetup:
    rules = await repository.active_rules(session)
    weights = await repository.active_weights(session)
    if not rules or weights is None:
        raise RulesMissing("no approved platform rules or scoring weights: run `stakazo migrate`")
    platforms = [p for p in weights.weights if p in rules]
    return ScoringSetup(
        rules={platform: rules[platform].rules for platform in platforms},
        weights={platform: weights.weights[platform] for platform in platforms},
        weights_version=weights.version,
    )


async def rules_for(session: AsyncSession, platform: str) -> dict[str, Any] | None:
    rule = (await repository.active_rules(session)).get(platform)
    return None if rule is None else rule.rules


async def active_document(session: AsyncSession, platform: str) -> PlatformRulesDoc | None:
    """The active version in full (defaults filled in), as pre-flight and publishing read it."""
    rule = (await repository.active_rules(session)).get(platform)
    return None if rule is None else full_rules(platform, rule.rules)


async def active_rules(session: AsyncSession) -> dict[str, PlatformRule]:
    return await repository.active_rules(session)


async def all_weights(session: AsyncSession) -> Sequence[ScoringWeights]:
    return await repository.all_weights(session)


async def rules_page(
    session: AsyncSession, window: Window, *, platform: str | None, status: str | None
) -> Slice[PlatformRule]:
    return await repository.rules_page(session, window, platform=platform, status=status)


async def weights_page(session: AsyncSession, window: Window) -> Slice[ScoringWeights]:
    return await repository.weights_page(session, window)


async def visible_people(
    session: AsyncSession, ctx: WorkspaceContext, rules: Sequence[PlatformRule]
) -> set[uuid.UUID]:
    """Who of the proposers and deciders of ``rules`` the caller may see: rules are shared by
    every workspace, the people behind them are not (those of other workspaces stay unnamed)."""
    people = {
        person
        for rule in rules
        for person in (rule.proposed_by_id, rule.approved_by_id, rule.rejected_by_id)
        if person is not None
    }
    return await repository.members_among(session, ctx.workspace_id, people)


async def _record(
    session: AsyncSession, ctx: WorkspaceContext, event: str, payload: dict[str, Any]
) -> None:
    for workspace_id in (None, ctx.workspace_id):
        await ledger.record(
            session, event, workspace_id=workspace_id, actor_id=ctx.user_id, payload=payload
        )


async def propose(
    session: AsyncSession,
    ctx: WorkspaceContext,
    platform: str,
    changes: dict[str, Any],
    note: str,
) -> PlatformRule:
    active = (await repository.active_rules(session)).get(platform)
    base = full_rules(platform, active.rules).model_dump(mode="json") if active else {}
    rules = proposed_rules(platform, base, changes)
    changed = changed_keys(base, rules)
    if not changed:
        raise Conflict(f"These {platform} rules are the ones in force already; nothing to propose.")
    rule = PlatformRule(
        id=uuid.uuid4(),
        platform=platform,
        version=await repository.next_version(session, platform),
        rules=rules,
        status="proposed",
        note=note.strip(),
        proposed_by_id=ctx.user_id,
    )
    try:
        async with session.begin_nested():
            await repository.add(session, rule)
    except IntegrityError:
        raise Conflict(
            f"Someone proposed {platform} rules at the same moment; propose again."
        ) from None
    await _record(session, ctx, "rules.proposed", {
        "rule_id": str(rule.id), "platform": platform, "version": rule.version,
        "based_on_version": active.version if active else None, "changed": changed,
        "note": rule.note,
    })  # fmt: skip
    log.info("rules.proposed", platform=platform, version=rule.version, changed=changed)
    return rule


async def _proposed(session: AsyncSession, rule_id: uuid.UUID) -> PlatformRule:
    rule = await repository.get_for_update(session, rule_id)
    if rule is None:
        raise RuleNotFound()
    if rule.status != "proposed":
        raise RuleNotProposed(
            f"Version {rule.version} of the {rule.platform} rules is {rule.status} already; "
            "only a proposed version can be approved or rejected."
        )
    return rule


async def approve(
    session: AsyncSession, ctx: WorkspaceContext, rule_id: uuid.UUID, note: str | None
) -> PlatformRule:
    rule = await _proposed(session, rule_id)
    if rule.proposed_by_id == ctx.user_id and await repository.count_instance_admins(session) > 1:
        raise OwnProposal()
    active = (await repository.active_rules(session)).get(rule.platform)
    if active is not None and active.approved_at and active.approved_at >= rule.created_at:
        raise Conflict(
            f"Version {active.version} of the {rule.platform} rules was approved after this "
            "proposal was made; reject this one and propose again from the version in force."
        )
    before = full_rules(rule.platform, active.rules).model_dump(mode="json") if active else {}
    rule.status, rule.approved_at, rule.approved_by_id = "approved", utcnow(), ctx.user_id
    rule.decision_note = note.strip() if note and note.strip() else None
    await session.flush()
    changed = changed_keys(before, rule.rules)
    await _record(session, ctx, "rules.approved", {
        "rule_id": str(rule.id), "platform": rule.platform, "version": rule.version,
        "replaces_version": active.version if active else None, "changed": changed,
        "note": rule.decision_note,
    })  # fmt: skip
    log.info("rules.approved", platform=rule.platform, version=rule.version, changed=changed)
    return rule


async def reject(
    session: AsyncSession, ctx: WorkspaceContext, rule_id: uuid.UUID, note: str
) -> PlatformRule:
    rule = await _proposed(session, rule_id)
    rule.status, rule.rejected_at, rule.rejected_by_id = "rejected", utcnow(), ctx.user_id
    rule.decision_note = note.strip()
    await session.flush()
    active = (await repository.active_rules(session)).get(rule.platform)
    before = full_rules(rule.platform, active.rules).model_dump(mode="json") if active else {}
    await _record(session, ctx, "rules.rejected", {
        "rule_id": str(rule.id), "platform": rule.platform, "version": rule.version,
        "changed": changed_keys(before, rule.rules), "note": rule.decision_note,
    })  # fmt: skip
    log.info("rules.rejected", platform=rule.platform, version=rule.version)
    return rule
