"""Snapshots of the system and each workspace, taken by the collector (docs/operations.md)."""
