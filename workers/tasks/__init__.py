"""Thin Celery tasks: load rows by id, call a service, record the outcome."""
