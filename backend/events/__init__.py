"""Domain events: recorded inside a transaction, published on the event stream once it commits.

``record(session, workspace_id, "job.progress", subject_id=job.id, data={"progress": 40})``
parks an event on the session, exactly as ``enqueue`` parks a task message: the session's
after-commit hook hands the events to the process's publisher, and a rollback drops them, so a
subscriber never hears of a change that did not happen.
"""

from __future__ import annotations

from backend.events.recorder import DomainEvent, pending_events, record, set_publisher

__all__ = ["DomainEvent", "pending_events", "record", "set_publisher"]
