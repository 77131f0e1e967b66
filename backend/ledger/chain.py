"""How an event is hashed into the chain and sealed with the ledger key. Kept apart so the
verifier and the writer share it.

The hash chain alone only shows that events were not changed *independently*: whoever can write
the table can edit an event and recompute every later hash. So each event also stores
``mac = HMAC-SHA256(ledger key, "stakazo-ledger:" + hash)``. The key is ``STAKAZO_LEDGER_KEY``
(required in production) or, outside production, a key generated in
``{STAKAZO_DATA_DIR}/ledger-key``; it is never written to the database, so a database writer
without it cannot produce a MAC that verifies.

Two canonical forms exist. Events of the ``legacy`` chain (recorded before per-workspace chains)
keep the form they were hashed with: the global ``seq``. Every other event is hashed with its
``chain`` and ``chain_seq`` and ``chain_version: 2``, so an event moved to another chain or
position no longer matches its hash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from backend.config import Settings
from backend.models import LedgerEvent
from backend.models.ledger_event import LEGACY_CHAIN, REFERENCE_COLUMNS
from core import keyfiles

GENESIS_HASH = "0" * 64
CHAIN_VERSION = 2


def _position(event: LedgerEvent) -> dict[str, Any]:
    if event.chain == LEGACY_CHAIN:
        return {"seq": event.seq}
    return {"chain": event.chain, "chain_seq": event.chain_seq, "chain_version": CHAIN_VERSION}


def canonical_bytes(event: LedgerEvent) -> bytes:
    body: dict[str, Any] = {
        **_position(event),
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


@lru_cache(maxsize=8)
def _generated_key(path: Path) -> bytes:
    return keyfiles.load_or_create(path, keyfiles.random_secret).encode()


def ledger_key(settings: Settings) -> bytes:
    configured = settings.ledger_key.get_secret_value()
    if configured:
        return configured.encode()
    return _generated_key(settings.data_dir.resolve() / keyfiles.LEDGER_KEY_FILE)


def event_mac(key: bytes, event_hash: str) -> str:
    return hmac.new(key, b"stakazo-ledger:" + event_hash.encode(), hashlib.sha256).hexdigest()
