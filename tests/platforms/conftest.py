"""The sandbox served over real HTTP, and settings that point the real clients at it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from backend.app import create_app
from backend.config import Settings
from sandbox.app import create_sandbox_app
from tests.servers import serving


@dataclass
class Sandbox:
    url: str
    settings: Settings  # the settings a client should use to talk to this sandbox

    def control(self, method: str, path: str, **kwargs: object) -> httpx.Response:
        response = httpx.request(method, f"{self.url}/_control{path}", timeout=10, **kwargs)  # type: ignore[arg-type]
        response.raise_for_status()
        return response

    def platform_control(
        self, platform: str, method: str, path: str, **kwargs: object
    ) -> httpx.Response:
        """A platform emulator's own controls (``/{platform}/_sandbox/...``)."""
        url = f"{self.url}/{platform}/_sandbox{path}"
        response = httpx.request(method, url, timeout=10, **kwargs)  # type: ignore[arg-type]
        response.raise_for_status()
        return response

    def faults(self, *rules: dict[str, object], seed: int | None = None) -> None:
        self.control("PUT", "/faults", json={"rules": list(rules), "seed": seed})

    def advance_clock(self, seconds: float) -> None:
        self.control("POST", "/clock", json={"advance_seconds": seconds})

    def stats(self) -> dict[str, object]:
        result: dict[str, object] = self.control("GET", "/stats").json()
        return result


@pytest.fixture
def sandbox(settings: Settings) -> Iterator[Sandbox]:
    """A fresh sandbox per test (no state leaks between tests), with quick processing and
    short client timeouts so that injected timeouts resolve fast. Our own API serves the signed
    media links over real HTTP too, so that a platform can fetch them (Instagram's video_url)."""
    sandbox_settings = settings.model_copy(
        update={
            "sandbox_processing_seconds": 0.2,
            "platform_timeout_seconds": 2.0,
            "platform_upload_timeout_seconds": 5.0,
            "instagram_poll_interval_seconds": 0.2,
        }
    )
    with serving(create_app(sandbox_settings)) as media_url:
        sandbox_settings = sandbox_settings.model_copy(update={"public_media_base_url": media_url})
        with serving(create_sandbox_app(sandbox_settings)) as url:
            client_settings = sandbox_settings.model_copy(update={"sandbox_url": url})
            yield Sandbox(url=url, settings=client_settings)
