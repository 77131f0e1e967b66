"""Stakazo workers: Celery tasks and the pure media pipeline they call."""
