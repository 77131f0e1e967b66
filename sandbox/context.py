"""What every emulated platform in the sandbox shares: settings, faults, a clock, webhooks out."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import httpx
import structlog
from starlette.requests import Request
from starlette.responses import Response

from backend.config import Settings
from sandbox.faults import DropConnection, FaultPlan, FaultRule

log = structlog.get_logger(__name__)

WEBHOOK_ATTEMPTS = 5

# Builds a platform's own error response from (status, message, retry_after seconds).
ErrorResponder = Callable[[int, str, int | None], Response]


@dataclass
class SandboxContext:
    settings: Settings
    faults: FaultPlan
    # Seconds added to the wall clock, so tests can make tokens expire without waiting.
    clock_offset: float = 0.0
    _background: set[asyncio.Task[None]] = field(default_factory=set)

    def now(self) -> float:
        return time.time() + self.clock_offset

    @property
    def processing_seconds(self) -> float:
        return self.settings.sandbox_processing_seconds

    def processing_time(self, rule: FaultRule | None) -> float:
        if rule is not None and rule.fault == "slow_processing":
            return rule.delay_seconds
        return self.processing_seconds

    def processing(self, platform: str) -> tuple[float, bool]:
        """How long processing of a complete upload takes, and whether it fails. It is not a
        request of its own, so only ``slow_processing`` and ``error`` apply: a drop or a stall
        there would leave an upload whole but never processed, which no platform does."""
        rule = self.faults.take(platform, "process")
        return self.processing_time(rule), rule is not None and rule.fault == "error"

    async def inject(
        self, platform: str, operation: str, error: ErrorResponder
    ) -> tuple[FaultRule | None, Response | None]:
        """Apply the generic faults for this call. Returns the rule (for the faults the handler
        applies itself: drop mid-upload, lost_response, slow_processing) and, when the call must
        end here, the response to give."""
        rule = self.faults.take(platform, operation)
        if rule is None:
            return None, None
        log.info("sandbox.fault", platform=platform, operation=operation, fault=rule.fault)
        if rule.fault == "error":
            return rule, error(rule.status, "injected server error", None)
        if rule.fault == "rate_limit":
            return rule, error(429, "injected rate limit", rule.retry_after)
        if rule.fault == "timeout":
            await asyncio.sleep(rule.delay_seconds)
            return rule, None
        if rule.fault == "drop" and operation not in UPLOAD_OPERATIONS:
            raise DropConnection()
        return rule, None

    def send_webhook(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        """Deliver at least once, in the background, retrying like the platforms do."""
        task = asyncio.get_running_loop().create_task(self._deliver(url, body, headers))
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _deliver(self, url: str, body: bytes, headers: dict[str, str]) -> None:
        timeout = httpx.Timeout(10.0, connect=5.0)
        async with httpx.AsyncClient(timeout=timeout) as client:
            for attempt in range(WEBHOOK_ATTEMPTS):
                try:
                    response = await client.post(url, content=body, headers=headers)
                    if response.status_code < 500:
                        log.info("sandbox.webhook_sent", url=url, status=response.status_code)
                        return
                except httpx.HTTPError as error:
                    log.info("sandbox.webhook_failed", url=url, error=type(error).__name__)
                await asyncio.sleep(min(30.0, 0.5 * 2**attempt))
        log.warning("sandbox.webhook_gave_up", url=url)

    def webhook_url(self, platform: str) -> str:
        return f"{self.settings.public_base_url.rstrip('/')}/webhooks/{platform}"


# Upload handlers apply "drop" themselves, after keeping the bytes read so far.
UPLOAD_OPERATIONS = frozenset({"upload", "upload_chunk"})


async def read_form(request: Request) -> dict[str, str]:
    """A form-encoded body (parsed here: the sandbox does not need python-multipart)."""
    return dict(
        parse_qsl((await request.body()).decode("utf-8", "replace"), keep_blank_values=True)
    )


def bearer_token(request: Request) -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def with_retry_after(headers: dict[str, Any], retry_after: int | None) -> dict[str, str]:
    result = {key: str(value) for key, value in headers.items()}
    if retry_after is not None:
        result["Retry-After"] = str(retry_after)
    return result
