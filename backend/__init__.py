"""Stakazo backend: the HTTP API and the domain logic shared with the workers."""
