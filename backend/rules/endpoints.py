from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, status

from backend.accounts.schemas import Platform
from backend.auth.dependencies import SessionDep
from backend.errors import Conflict, error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.models import PlatformRule
from backend.pagination import InvalidCursor, Page, PageDep
from backend.rules import service
from backend.rules.document import InvalidRules, full_rules
from backend.rules.schemas import (
    ApproveRules,
    PlatformRuleOut,
    ProposeRules,
    RejectRules,
    RuleStatus,
    ScoringWeightsOut,
)

router = APIRouter(tags=["rules"])
RulesReader = Annotated[WorkspaceContext, require_permission("rules:read")]
RulesProposer = Annotated[WorkspaceContext, require_permission("rules:propose")]
RulesApprover = Annotated[WorkspaceContext, require_permission("rules:approve")]
DECISION_ERRORS = (*WORKSPACE_ERRORS, service.RuleNotFound, service.RuleNotProposed, Conflict)


def _out(rule: PlatformRule, people: set[uuid.UUID]) -> PlatformRuleOut:
    def named(person: uuid.UUID | None) -> uuid.UUID | None:
        return person if person in people else None

    return PlatformRuleOut(
        id=rule.id,
        platform=rule.platform,
        version=rule.version,
        status=rule.status,
        rules=full_rules(rule.platform, rule.rules),
        note=rule.note,
        proposed_by_id=named(rule.proposed_by_id),
        approved_at=rule.approved_at,
        approved_by_id=named(rule.approved_by_id),
        rejected_at=rule.rejected_at,
        rejected_by_id=named(rule.rejected_by_id),
        decision_note=rule.decision_note,
        created_at=rule.created_at,
    )


@router.get("/platform-rules", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_platform_rules(
    ctx: RulesReader,
    session: SessionDep,
    page: PageDep,
    platform: Platform | None = None,
    status: RuleStatus | None = None,
) -> Page[PlatformRuleOut]:
    """Every version of every platform's rules (render targets, what a post may be, caption
    limits, quotas, posting windows), by platform and version; filter by `platform` and
    `status`. The newest approved version of each platform is the one in force."""
    found = await service.rules_page(session, page.window(), platform=platform, status=status)
    people = await service.visible_people(session, ctx, found.rows)
    return page.page([_out(rule, people) for rule in found.rows], found)


@router.get("/platform-rules/active", responses=error_responses(*WORKSPACE_ERRORS))
async def active_platform_rules(
    ctx: RulesReader, session: SessionDep
) -> dict[str, PlatformRuleOut]:
    """The version in force for each platform: what renders aim at, what the pre-flight check
    holds each post to, and what publishing follows."""
    active = await service.active_rules(session)
    people = await service.visible_people(session, ctx, list(active.values()))
    return {platform: _out(rule, people) for platform, rule in sorted(active.items())}


@router.post(
    "/platform-rules",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(*WORKSPACE_ERRORS, InvalidRules, Conflict),
)
async def propose_platform_rules(
    body: ProposeRules, ctx: RulesProposer, session: SessionDep
) -> PlatformRuleOut:
    """Propose a new version of a platform's rules: `rules` holds the keys to change, the rest is
    the active version's. It takes the next version number and waits for an admin's decision
    (`rules.proposed` in the ledger). Unknown keys or values the platform could not mean are
    refused with 422."""
    rule = await service.propose(session, ctx, body.platform, dict(body.rules), body.note)
    return _out(rule, await service.visible_people(session, ctx, [rule]))


@router.post(
    "/platform-rules/{rule_id}/approve",
    responses=error_responses(*DECISION_ERRORS, service.OwnProposal),
)
async def approve_platform_rules(
    rule_id: uuid.UUID, body: ApproveRules, ctx: RulesApprover, session: SessionDep
) -> PlatformRuleOut:
    """Approve a proposed version: it is in force at once for every workspace (renders,
    pre-flight, publishing). Someone other than the proposer must approve, unless the instance
    has a single admin. 409 unless the version is proposed, or if another version was approved
    since it was proposed."""
    rule = await service.approve(session, ctx, rule_id, body.note)
    return _out(rule, await service.visible_people(session, ctx, [rule]))


@router.post("/platform-rules/{rule_id}/reject", responses=error_responses(*DECISION_ERRORS))
async def reject_platform_rules(
    rule_id: uuid.UUID, body: RejectRules, ctx: RulesApprover, session: SessionDep
) -> PlatformRuleOut:
    """Reject a proposed version, saying why (`note`). 409 unless it is proposed."""
    rule = await service.reject(session, ctx, rule_id, body.note)
    return _out(rule, await service.visible_people(session, ctx, [rule]))


@router.get("/scoring-weights", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_scoring_weights(
    ctx: RulesReader, session: SessionDep, page: PageDep
) -> Page[ScoringWeightsOut]:
    """Every version of the clip scoring weights, oldest first; the newest activated one scores
    new clips."""
    found = await service.weights_page(session, page.window())
    return page.page([ScoringWeightsOut.model_validate(w) for w in found.rows], found)
