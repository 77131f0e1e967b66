"""Reading what actually reached the broker (filesystem folder or Redis), by task id."""

from __future__ import annotations

from typing import Any

from workers.celery_app import celery_app


def drain(queue: str = "default") -> list[dict[str, Any]]:
    """Take every waiting message off ``queue``; returns their Celery headers."""
    taken: list[dict[str, Any]] = []
    with celery_app.connection_for_read() as connection:
        simple = connection.SimpleQueue(queue)
        try:
            while True:
                try:
                    # Sending is synchronous, so whatever was sent is already there to take.
                    message = simple.get_nowait()
                except simple.Empty:
                    return taken
                taken.append(dict(message.headers))
                message.ack()
        finally:
            simple.close()
