"""Loaded by schemathesis (SCHEMATHESIS_HOOKS) in the contract run; see test_schemathesis.py."""

from __future__ import annotations

import schemathesis

# tus chunks are raw bytes, like application/octet-stream.
schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")
