"""This process's send-only broker client, made once from the settings on first use."""

from __future__ import annotations

from functools import lru_cache

from backend.config import get_settings
from core.broker import BrokerClient


@lru_cache(maxsize=1)
def broker_client() -> BrokerClient:
    return BrokerClient(get_settings())
