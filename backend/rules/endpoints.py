from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from backend.auth.dependencies import SessionDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.pagination import InvalidCursor, Page, PageDep
from backend.rules import service
from backend.rules.schemas import PlatformRuleOut, ScoringWeightsOut

router = APIRouter(tags=["rules"])
RulesReader = Annotated[WorkspaceContext, require_permission("rules:read")]


@router.get("/platform-rules", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_platform_rules(
    ctx: RulesReader, session: SessionDep, page: PageDep
) -> Page[PlatformRuleOut]:
    """Every version of every platform's rules (size, codecs, duration, bitrate, safe areas).
    The newest approved version of each platform is the one renders follow."""
    found = await service.rules_page(session, page.window())
    return page.page([PlatformRuleOut.model_validate(rule) for rule in found.rows], found)


@router.get("/scoring-weights", responses=error_responses(*WORKSPACE_ERRORS, InvalidCursor))
async def list_scoring_weights(
    ctx: RulesReader, session: SessionDep, page: PageDep
) -> Page[ScoringWeightsOut]:
    """Every version of the clip scoring weights, oldest first; the newest activated one scores
    new clips."""
    found = await service.weights_page(session, page.window())
    return page.page([ScoringWeightsOut.model_validate(w) for w in found.rows], found)
