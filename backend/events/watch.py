"""``stakazo events``: print a workspace's events, one JSON line each, reconnecting by itself.

On reconnect it sends the id of the last event it printed, so it prints what it missed (or a
``{"type":"resync"}`` line when that is no longer known). The token is read from the
environment or stdin, never from the command line, where other users can see it in ``ps``.
"""

from __future__ import annotations

import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO
from urllib.parse import urlencode, urlsplit, urlunsplit

from websockets.exceptions import ConnectionClosed, WebSocketException
from websockets.sync.client import connect

from backend.events.subscriber import BAD_REQUEST, FORBIDDEN, UNAUTHENTICATED

# Closes that reconnecting cannot fix.
FINAL_CODES = frozenset({BAD_REQUEST, UNAUTHENTICATED, FORBIDDEN})
OPEN_TIMEOUT_SECONDS = 10.0
MAX_PAUSE_SECONDS = 30.0


@dataclass
class Watch:
    base_url: str
    token: str
    workspace_id: str
    last_event_id: str | None = None

    def url(self) -> str:
        parts = urlsplit(self.base_url.rstrip("/"))
        scheme = "wss" if parts.scheme == "https" else "ws"
        query = {"workspace_id": self.workspace_id}
        if self.last_event_id:
            query["last_event_id"] = self.last_event_id
        return urlunsplit((scheme, parts.netloc, f"{parts.path}/v1/events", urlencode(query), ""))

    def once(self, out: TextIO) -> int | None:
        """One connection: print until it closes; the close code (None: dropped)."""
        headers = {"Authorization": f"Bearer {self.token}"}
        with connect(
            self.url(), additional_headers=headers, open_timeout=OPEN_TIMEOUT_SECONDS
        ) as ws:
            try:
                for text in ws:
                    message = json.loads(text)
                    if "id" in message:
                        self.last_event_id = message["id"]
                    elif message.get("type") == "subscribed" and not self.last_event_id:
                        # Start from here, so a drop before the first event still replays.
                        self.last_event_id = message.get("head")
                    out.write(f"{text if isinstance(text, str) else text.decode()}\n")
                    out.flush()
            except ConnectionClosed as closed:
                return closed.rcvd.code if closed.rcvd else None
            return ws.close_code


def run(watch: Watch, out: TextIO, err: TextIO, sleep: Callable[[float], None] = time.sleep) -> int:
    failures = 0
    while True:
        try:
            code = watch.once(out)
            failures = 0
        except (OSError, WebSocketException, TimeoutError) as error:
            code, failures = None, failures + 1
            err.write(f"cannot reach {watch.base_url}: {error}\n")
        if code in FINAL_CODES:
            err.write(f"the stream was closed for good (code {code}); sign in again?\n")
            return 1
        pause = min(MAX_PAUSE_SECONDS, 0.5 * 2 ** min(failures, 6)) * random.uniform(0.5, 1.0)  # noqa: S311
        err.write(f"reconnecting in {pause:.1f} s from {watch.last_event_id or 'now'}\n")
        err.flush()
        sleep(pause)


def main(base_url: str, token: str, workspace_id: str, last_event_id: str | None) -> int:
    try:
        return run(Watch(base_url, token, workspace_id, last_event_id), sys.stdout, sys.stderr)
    except KeyboardInterrupt:
        return 0
