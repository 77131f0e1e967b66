"""A campaign schedule imported from CSV: every line checked before anything is written, then
each row becomes a post and a publication as a plan's pick does (source "csv")."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from backend import ledger
from backend.campaigns import captions, planner, planning, service
from backend.campaigns.facts_db import Gathered, gather
from backend.campaigns.schemas import ImportOut, PostChoices
from backend.campaigns.slots import local_slot
from backend.config import Settings
from backend.errors import InvalidInput
from backend.iam.context import WorkspaceContext
from backend.models import Campaign, PlatformAccount

MAX_ROWS = 5000
COLUMNS = ("account", "clip_id", "at")


class ScheduleInvalid(InvalidInput):
    code = "invalid_schedule"
    default_message = "The schedule has errors; nothing was imported."


@dataclass(frozen=True)
class Row:
    line: int
    account: PlatformAccount
    clip_id: uuid.UUID
    at: datetime
    caption: str
    title: str


class _Reader:
    def __init__(self, campaign: Campaign, gathered: Gathered) -> None:
        self.campaign, self.gathered = campaign, gathered
        self.zone = ZoneInfo(campaign.time_zone)
        self.by_name: dict[str, list[PlatformAccount]] = {}
        for account in gathered.accounts.values():
            self.by_name.setdefault(account.username.lower(), []).append(account)
        self.clip_facts = {clip.id: clip for clip in gathered.facts.clips}
        self.calendar: dict[str, list[datetime]] = {}
        self.clips_on: set[tuple[str, str]] = set()
        for post in gathered.facts.history:
            self.calendar.setdefault(post.account_id, []).append(post.at)
            self.clips_on.add((post.account_id, post.clip_id))

    def account(self, text: str) -> PlatformAccount:
        try:
            found = self.gathered.accounts.get(uuid.UUID(text))
        except ValueError:
            named = self.by_name.get(text.lstrip("@").lower(), [])
            if len(named) > 1:
                raise ValueError(
                    f"{text} names accounts on several platforms; use the id"
                ) from None
            found = named[0] if named else None
        if found is None:
            raise ValueError(f"{text or 'the account'} is not one of the campaign's accounts")
        if found.status != "connected":
            raise ValueError(f"@{found.username} must be connected again first")
        return found

    def when(self, text: str) -> datetime:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(f"{text!r} is not an ISO 8601 time, e.g. 2027-03-01T18:00") from None
        if parsed.tzinfo is None:
            slot = local_slot(parsed.date(), parsed.time(), self.zone)
            if not slot.exists:
                raise ValueError(f"{text} does not exist in {self.campaign.time_zone}")
            parsed = slot.at
        return parsed.astimezone(UTC)

    def row(self, line: int, fields: dict[str, str]) -> Row:
        account = self.account((fields.get("account") or "").strip())
        try:
            clip_id = uuid.UUID((fields.get("clip_id") or "").strip())
        except ValueError:
            raise ValueError("clip_id is not a clip id") from None
        if clip_id not in self.gathered.clips:
            raise ValueError(f"no clip {clip_id} in this workspace")
        limits = self.gathered.facts.limits[account.platform]
        clip_facts = self.clip_facts[str(clip_id)]
        if clip_facts.rejected:
            raise ValueError("the clip was rejected")
        if not planner.fits(clip_facts, limits):
            raise ValueError(
                f"the clip lasts {clip_facts.duration:.0f} s; {account.platform} takes "
                f"{limits.min_duration:.0f} to {limits.max_duration:.0f} s"
            )
        at = self.when((fields.get("at") or "").strip())
        self._calendar_allows(account, at)
        self._not_repeated(account, clip_id)
        caption, title = self._caption(account, clip_id, (fields.get("caption") or "").strip())
        return Row(line, account, clip_id, at, caption, title)

    def _calendar_allows(self, account: PlatformAccount, at: datetime) -> None:
        campaign = self.campaign
        day = at.astimezone(self.zone).date()
        if not campaign.starts_on <= day <= campaign.ends_on:
            raise ValueError(f"{day} is outside the campaign's dates")
        if day.isoformat() in campaign.blackout_dates:
            raise ValueError(f"{day} is a blackout date")
        if at <= self.gathered.facts.now:
            raise ValueError("the time has passed")
        times = self.calendar.setdefault(str(account.id), [])
        gap = timedelta(minutes=campaign.min_gap_minutes)
        if any(abs(other - at) < max(gap, timedelta(seconds=1)) for other in times):
            raise ValueError(
                f"another post on @{account.username} is less than "
                f"{campaign.min_gap_minutes} minutes away"
            )
        quota = self.gathered.facts.limits[account.platform].posts_per_day
        if sum(1 for other in times if other.astimezone(self.zone).date() == day) >= quota:
            raise ValueError(f"@{account.username} already has {quota} posts on {day}")
        times.append(at)

    def _not_repeated(self, account: PlatformAccount, clip_id: uuid.UUID) -> None:
        key = (str(account.id), str(clip_id))
        if key in self.clips_on:
            raise ValueError(f"the clip is already on @{account.username}")
        self.clips_on.add(key)

    def _caption(self, account: PlatformAccount, clip_id: uuid.UUID, given: str) -> tuple[str, str]:
        caption, title = planning.caption_for(self.gathered, self.campaign, account.id, clip_id)
        if not given:
            return caption, title
        limits = captions.limits_for(account.platform, self.gathered.rules.get(account.platform))
        problems = captions.problems(account.platform, limits, given, title)
        if problems:
            raise ValueError(" ".join(problems))
        return given, title


def read(campaign: Campaign, gathered: Gathered, text: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ScheduleInvalid(
            extra={"errors": [{"line": 1, "message": f"missing column(s): {', '.join(missing)}"}]}
        )
    reader.fieldnames = header
    checker = _Reader(campaign, gathered)
    rows: list[Row] = []
    errors: list[dict[str, int | str]] = []
    for fields in reader:
        line = reader.line_num
        if len(rows) + len(errors) >= MAX_ROWS:
            errors.append({"line": line, "message": f"a schedule holds at most {MAX_ROWS} rows"})
            break
        try:
            rows.append(checker.row(line, {k: v or "" for k, v in fields.items() if k}))
        except ValueError as error:
            errors.append({"line": line, "message": str(error)})
    if errors or not rows:
        errors = errors or [{"line": 1, "message": "the file holds no rows"}]
        raise ScheduleInvalid(
            f"{len(errors)} line(s) have errors; nothing was imported.", extra={"errors": errors}
        )
    return rows


async def import_csv(
    session: AsyncSession,
    ctx: WorkspaceContext,
    campaign_id: uuid.UUID,
    text: str,
    *,
    settings: Settings,
) -> ImportOut:
    campaign = await service.get(session, ctx, campaign_id, lock=True)
    gathered = await gather(session, campaign)
    rows = read(campaign, gathered, text)
    taken = {(p.account_id, p.slot_at): p for p in gathered.posts}
    clashes = [
        r.line
        for r in rows
        if (r.account.id, r.at) in taken and taken[(r.account.id, r.at)].state != "cancelled"
    ]
    if clashes:
        raise ScheduleInvalid(
            extra={
                "errors": [
                    {
                        "line": line,
                        "message": "the campaign already has a post on that account then",
                    }
                    for line in clashes
                ]
            }
        )
    await service.ready_to_write(session, ctx, campaign, "Importing a schedule into")
    platforms = {row.account.platform for row in rows}
    chosen = await planning.post_choices(session, campaign, platforms, PostChoices())
    written = []
    for row in rows:
        platform = row.account.platform
        publication = await planning.publish(
            session,
            ctx,
            campaign,
            row.account.id,
            row.clip_id,
            row.at,
            row.caption,
            row.title,
            {platform: chosen[platform]} if platform in chosen else {},
            settings=settings,
        )
        clip, _, _ = gathered.clips[row.clip_id]
        fields = {
            "account_id": row.account.id,
            "clip_id": row.clip_id,
            "slot_at": row.at,
            "score": float((clip.scores or {}).get(platform, clip.score)),
            "reason": {
                "text": f"Imported from CSV (line {row.line})",
                "constraint": None,
                "line": row.line,
            },
            "caption": row.caption,
            "title": row.title,
            "source": "csv",
        }
        written.append(
            await planning.write_post(
                session, ctx, campaign, taken.get((row.account.id, row.at)), publication, fields
            )
        )
    await ledger.record(
        session,
        "campaign.schedule_imported",
        workspace_id=ctx.workspace_id,
        actor_id=ctx.user_id,
        campaign_id=campaign.id,
        payload={"created": len(written)},
    )
    return ImportOut(created=len(written), posts=await planning.post_views(session, written))
