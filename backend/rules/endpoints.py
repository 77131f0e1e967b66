from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from backend.auth.dependencies import SessionDep
from backend.errors import error_responses
from backend.iam.context import WorkspaceContext
from backend.iam.dependencies import require_permission
from backend.iam.endpoints import WORKSPACE_ERRORS
from backend.rules import service
from backend.rules.schemas import PlatformRuleOut, ScoringWeightsOut

router = APIRouter(tags=["rules"])
RulesReader = Annotated[WorkspaceContext, require_permission("rules:read")]


@router.get("/platform-rules", responses=error_responses(*WORKSPACE_ERRORS))
async def list_platform_rules(ctx: RulesReader, session: SessionDep) -> list[PlatformRuleOut]:
    """Every version of every platform's rules (size, codecs, duration, bitrate, safe areas).
    The newest approved version of each platform is the one renders follow."""
    return [PlatformRuleOut.model_validate(rule) for rule in await service.all_rules(session)]


@router.get("/scoring-weights", responses=error_responses(*WORKSPACE_ERRORS))
async def list_scoring_weights(ctx: RulesReader, session: SessionDep) -> list[ScoringWeightsOut]:
    """Every version of the clip scoring weights; the newest activated one scores new clips."""
    return [ScoringWeightsOut.model_validate(w) for w in await service.all_weights(session)]
