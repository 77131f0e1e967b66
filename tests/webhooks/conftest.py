from __future__ import annotations

import pytest

from tests.broker import drain


@pytest.fixture(autouse=True)
def empty_broker() -> None:
    """Each test sees only the tasks it queued itself."""
    drain()
