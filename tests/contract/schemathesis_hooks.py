"""Loaded by schemathesis (SCHEMATHESIS_HOOKS) in the contract run; see test_schemathesis.py."""

from __future__ import annotations

from typing import Any

import schemathesis

# tus chunks are raw bytes, like application/octet-stream.
schemathesis.serializer.alias("application/offset+octet-stream", "application/octet-stream")


@schemathesis.hook
def map_query(context: schemathesis.HookContext, query: dict[str, Any] | None) -> Any:
    # Every request names its workspace in X-Workspace-Id; a random workspace_id beside it is
    # refused (422: they disagree), which would stop most cases before the code under test.
    if query:
        query.pop("workspace_id", None)
    return query
