"""Which media a published container became, when the answer to ``media_publish`` was lost.

A container only says ``PUBLISHED``; no media field points back at it [?]. So the account's media
are listed (``GET /{ig-user-id}/media?fields=id,caption,timestamp,permalink``, newest first) and
the one taken is the oldest whose caption equals the ticket's (compared by SHA-256, kept in the
ticket at ``begin``) and whose timestamp is no earlier than the container's creation, less a margin
for the clock difference between us and Meta. Two containers of one account with the same
caption, both published, cannot be told apart this way; publishing twice is what the engine
prevents in the first place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from backend.platforms.base import Credentials, UploadTicket
from backend.platforms.instagram.graph import JSON, GraphClient


def caption_fingerprint(caption: str) -> str:
    return hashlib.sha256(caption.encode()).hexdigest()


@dataclass(frozen=True)
class FoundMedia:
    id: str
    permalink: str | None


async def find_published_media(
    graph: GraphClient,
    credentials: Credentials,
    ticket: UploadTicket,
    *,
    pages: int,
    clock_skew_seconds: float,
) -> FoundMedia | None:
    user = ticket.extra.get("ig_user_id") or credentials.remote_account_id
    fingerprint = ticket.extra.get("caption_sha256", "")
    not_before = float(ticket.extra.get("created_at") or 0) - clock_skew_seconds
    params = {"fields": "id,caption,timestamp,permalink", "limit": "50"}
    best: dict[str, Any] | None = None
    for _ in range(pages):
        page = await graph.call(
            "GET",
            graph.endpoints.node(user, "media"),
            operation="list_media",
            token=credentials.access_token,
            params=params,
        )
        items = [item for item in page.get("data") or [] if isinstance(item, dict)]
        for item in items:
            stamp = _timestamp(item.get("timestamp"))
            if stamp is None or stamp < not_before:
                continue
            if caption_fingerprint(str(item.get("caption") or "")) == fingerprint:
                best = item  # newest first: the last match is the oldest
        after = _next_cursor(page)
        oldest = _timestamp(items[-1].get("timestamp")) if items else None
        if after is None or (oldest is not None and oldest < not_before):
            break
        params = {**params, "after": after}
    if best is None or not best.get("id"):
        return None
    link = best.get("permalink")
    return FoundMedia(id=str(best["id"]), permalink=str(link) if link else None)


def _timestamp(value: Any) -> float | None:
    """Graph timestamps look like ``2026-05-01T12:00:00+0000``."""
    if not isinstance(value, str):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%S%z").timestamp()
    except ValueError:
        return None


def _next_cursor(page: JSON) -> str | None:
    paging = page.get("paging")
    if not isinstance(paging, dict) or not paging.get("next"):
        return None
    cursors = paging.get("cursors")
    after = cursors.get("after") if isinstance(cursors, dict) else None
    return str(after) if after else None
