"""The audit trail: every domain event, hash-chained, append-only."""

from backend.ledger.service import record

__all__ = ["record"]
