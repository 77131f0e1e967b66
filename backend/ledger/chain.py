"""How an event is hashed into the chain. Kept apart so the verifier and writer share it."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from backend.models import LedgerEvent
from backend.models.ledger_event import REFERENCE_COLUMNS

GENESIS_HASH = "0" * 64


def canonical_bytes(event: LedgerEvent) -> bytes:
    body: dict[str, Any] = {
        "seq": event.seq,
        "id": str(event.id),
        "occurred_at": event.occurred_at.isoformat(timespec="microseconds"),
        "type": event.type,
        "payload": event.payload,
    }
    for column in REFERENCE_COLUMNS:
        value = getattr(event, column)
        body[column] = None if value is None else str(value)
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(prev_hash: str, event: LedgerEvent) -> str:
    digest = hashlib.sha256()
    digest.update(prev_hash.encode())
    digest.update(b"\n")
    digest.update(canonical_bytes(event))
    return digest.hexdigest()
