"""The caption presets on offer and a workspace's brand on top of one."""

from __future__ import annotations

from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.captions import repository
from backend.captions.schemas import CaptionPresetOut, CaptionStyleOut
from backend.errors import InvalidInput, NotFound
from backend.iam.context import WorkspaceContext
from backend.models import Workspace
from backend.pagination import Slice, Window, in_memory
from core.caption_presets import BRAND, PRESETS, CaptionStyle, InvalidCaptionStyle, check_brand
from core.caption_presets import resolve as resolve_style

log = structlog.get_logger(__name__)


class InvalidCaptionBrand(InvalidInput):
    code = "invalid_caption_brand"
    default_message = "The caption brand has a setting no renderer could use."


def _preset_view(style: CaptionStyle) -> CaptionPresetOut:
    fields = style.as_dict()
    name, label = fields.pop("name"), fields.pop("label")
    return CaptionPresetOut(name=name, label=label, style=CaptionStyleOut(**fields))


async def _workspace(session: AsyncSession, ctx: WorkspaceContext) -> Workspace:
    workspace = await repository.workspace(session, ctx.workspace_id)
    if workspace is None:  # the membership was just checked; only a concurrent delete gets here
        raise NotFound("No such workspace.")
    return workspace


async def brand(session: AsyncSession, ctx: WorkspaceContext) -> dict[str, Any] | None:
    return (await _workspace(session, ctx)).caption_brand


async def presets(
    session: AsyncSession, ctx: WorkspaceContext, window: Window
) -> Slice[CaptionPresetOut]:
    """Every preset, then the workspace's brand when it has one."""
    views = [_preset_view(style) for style in PRESETS.values()]
    current = await brand(session, ctx)
    if current:
        views.append(_preset_view(resolve_style(BRAND, current)))
    position = {view.name: index for index, view in enumerate(views)}
    return in_memory(views, lambda view: (position[view.name],), window)


async def set_brand(
    session: AsyncSession, ctx: WorkspaceContext, value: dict[str, Any] | None
) -> dict[str, Any] | None:
    workspace = await _workspace(session, ctx)
    try:
        cleaned = check_brand(value) if value is not None else None
    except InvalidCaptionStyle as error:
        raise InvalidCaptionBrand(str(error)) from error
    if cleaned != workspace.caption_brand:
        previous, workspace.caption_brand = workspace.caption_brand, cleaned
        await session.flush()
        await ledger.record(
            session,
            "workspace.caption_brand_changed",
            workspace_id=ctx.workspace_id,
            actor_id=ctx.user_id,
            payload={"from": previous, "to": cleaned},
        )
        log.info("captions.brand_changed", workspace_id=str(ctx.workspace_id))
    return cleaned
