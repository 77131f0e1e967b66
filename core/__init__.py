"""What several layers share: worker errors, retry with backoff, the clock, key files, the
ffmpeg locator, the send-only broker client and the request-scoped database session.

``core`` imports nothing from ``backend``, ``workers`` or ``sandbox`` (``make lint`` checks it),
so any of them can use it without pulling in the others. This module imports nothing, so that
``workers.media`` can take ``core.errors`` without getting SQLAlchemy or Celery along.
"""
