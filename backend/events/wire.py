"""An event on the wire: serialised to JSON once, where it is recorded; stream ids.

The body is the event without its id; the id is known only once the stream has ordered the
event (Redis assigns it on XADD, the local hub on arrival), and is spliced in front of the body
as text, so the JSON is never built twice and every subscriber gets the same string.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from backend.events.recorder import DomainEvent

# Workspace-less events steer connections and are never sent to a subscriber.
CONTROL = ""


@dataclass(frozen=True)
class Outgoing:
    """A recorded event ready to be sent: its routing fields and its serialised body."""

    workspace: str
    type: str
    body: str


@dataclass(frozen=True)
class Envelope:
    """An event the stream has ordered: ``text`` is exactly what subscribers receive."""

    id: str
    position: tuple[int, int]
    workspace: str
    type: str
    text: str

    @property
    def is_control(self) -> bool:
        return self.workspace == CONTROL


def encode(event: DomainEvent) -> Outgoing:
    workspace = str(event.workspace_id) if event.workspace_id else CONTROL
    body = json.dumps(
        {
            "type": event.type,
            "workspace_id": workspace or None,
            "subject_id": str(event.subject_id) if event.subject_id else None,
            "at": event.at.isoformat(),
            "data": dict(event.data),
        },
        separators=(",", ":"),
        default=str,
    )
    return Outgoing(workspace, event.type, body)


def envelope(position: tuple[int, int], item: Outgoing) -> Envelope:
    stream_id = format_id(position)
    # body is a JSON object ("{...}"): the id goes in as its first member.
    text = '{"id":"' + stream_id + '",' + item.body[1:]
    return Envelope(stream_id, position, item.workspace, item.type, text)


def parse_id(value: str) -> tuple[int, int] | None:
    """``"<milliseconds>-<sequence>"`` (Redis stream ids, and ours) as a sortable pair."""
    millis, dash, sequence = value.partition("-")
    if not dash or not millis.isdigit() or not sequence.isdigit():
        return None
    return int(millis), int(sequence)


def format_id(position: tuple[int, int]) -> str:
    return f"{position[0]}-{position[1]}"


class IdClock:
    """Stream ids for the embedded stream: milliseconds since the epoch, then a sequence, like
    Redis's, so that both order the same way and tell their age."""

    def __init__(self) -> None:
        self.last = (int(time.time() * 1000), 0)

    def next(self) -> tuple[int, int]:
        millis = int(time.time() * 1000)
        self.last = (millis, 0) if millis > self.last[0] else (self.last[0], self.last[1] + 1)
        return self.last
