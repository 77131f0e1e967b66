"""The same scenarios on every platform, against its sandbox over real HTTP: connecting through
the consent page, publishing, and what the client tells the engine when a call fails.

What only one platform does stays in ``test_<platform>_*.py``.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from backend.platforms import registry
from backend.platforms.base import (
    AuthError,
    Credentials,
    PostSpec,
    Publisher,
    RemoteState,
    RetryableError,
    UploadTicket,
)
from tests.platforms.conftest import Sandbox
from tests.platforms.scenarios import CASES, PlatformCase


@pytest.fixture(params=CASES, ids=str)
def case(request: pytest.FixtureRequest, sandbox: Sandbox) -> PlatformCase:
    platform: PlatformCase = request.param
    platform.prepare(sandbox)
    return platform


async def _until(
    publisher: Publisher,
    credentials: Credentials,
    ticket: UploadTicket,
    phases: set[str],
    within_seconds: float = 15.0,
) -> RemoteState:
    deadline = time.monotonic() + within_seconds
    while True:
        state = await publisher.status(credentials, ticket)
        if state.phase in phases:
            return state
        assert time.monotonic() < deadline, f"still {state} after {within_seconds} s"
        await asyncio.sleep(0.05)


def _posts(case: PlatformCase, sandbox: Sandbox) -> list[dict[str, object]]:
    """What the platform has made public (the sandbox's own record)."""
    stats: dict[str, dict[str, list[dict[str, object]]]] = sandbox.stats()  # type: ignore[assignment]
    return stats[case.name]["posts"]


async def _finish(
    publisher: Publisher, credentials: Credentials, ticket: UploadTicket, post: PostSpec
) -> RemoteState:
    """What the engine does once every byte is in: wait, and publish where that is a step."""
    state = await _until(publisher, credentials, ticket, {"ready", "published"})
    return await publisher.publish(credentials, ticket, post) if state.phase == "ready" else state


# --- connecting --------------------------------------------------------------------------------


async def test_a_username_is_one_stable_account(case: PlatformCase, sandbox: Sandbox) -> None:
    first = await case.credentials(sandbox, "maria")
    again = await case.credentials(sandbox, "maria")
    other = await case.credentials(sandbox, "jonas")
    assert first.remote_account_id == again.remote_account_id
    assert other.remote_account_id != first.remote_account_id


async def test_denying_consent_comes_back_as_access_denied(
    case: PlatformCase, sandbox: Sandbox
) -> None:
    query = await case.consent(sandbox, "maria", False)
    assert query["error"] == "access_denied"
    assert "code" not in query


async def test_a_code_works_once(case: PlatformCase, sandbox: Sandbox) -> None:
    query = await case.consent(sandbox, "maria", True)
    oauth = registry.plugin(case.name).oauth(sandbox.settings)
    exchange = {
        "code": query["code"],
        "redirect_uri": registry.redirect_uri(sandbox.settings, case.name),
        "code_verifier": query.get("code_verifier"),
    }
    assert (await oauth.exchange_code(**exchange)).access_token
    with pytest.raises(AuthError):
        await oauth.exchange_code(**exchange)


# --- publishing --------------------------------------------------------------------------------


async def test_a_video_is_published_once_and_reports_metrics(
    case: PlatformCase, sandbox: Sandbox
) -> None:
    credentials = await case.credentials(sandbox)
    publisher = case.publisher(sandbox.settings)
    media, post = case.file(sandbox), case.post("Hildy meets the lord of the universe")
    ticket = await publisher.begin(credentials, media, post)
    state = await publisher.status(credentials, ticket)
    assert (state.phase, state.uploaded_bytes) == ("uploading", 0)

    seen: list[tuple[int, int]] = []

    async def progress(sent: int, total: int) -> None:
        seen.append((sent, total))

    await publisher.upload(credentials, ticket, media, offset=0, progress=progress)
    assert seen[-1] == (media.size_bytes, media.size_bytes)
    state = await _finish(publisher, credentials, ticket, post)
    assert state.phase == "published"
    assert state.remote_post_id
    again = await publisher.status(credentials, ticket)  # asking again changes nothing
    assert (again.phase, again.remote_post_id) == ("published", state.remote_post_id)
    metrics = await publisher.metrics(credentials, state.remote_post_id)
    assert metrics.views is not None
    assert metrics.views >= 0


async def test_a_lost_answer_to_the_upload_is_found_by_status_and_posted_once(
    case: PlatformCase, sandbox: Sandbox
) -> None:
    credentials = await case.credentials(sandbox)
    publisher = case.publisher(sandbox.settings)
    media, post = case.file(sandbox), case.post("once")
    ticket = await publisher.begin(credentials, media, post)
    operation = case.operations["upload"]
    sandbox.faults({"platform": case.name, "operation": operation, "fault": "lost_response"})
    with pytest.raises(RetryableError):
        await publisher.upload(credentials, ticket, media, offset=0)
    sandbox.faults()

    state = await publisher.status(credentials, ticket)
    if case.reports_upload_progress:
        assert state.phase != "uploading"
        assert state.uploaded_bytes == media.size_bytes
    else:
        await publisher.upload(credentials, ticket, media, offset=0)
    published = await _finish(publisher, credentials, ticket, post)
    assert [p["remote_post_id"] for p in _posts(case, sandbox)] == [published.remote_post_id]


async def test_a_lost_answer_to_opening_the_upload_posts_nothing(
    case: PlatformCase, sandbox: Sandbox
) -> None:
    credentials = await case.credentials(sandbox)
    publisher = case.publisher(sandbox.settings)
    media, post = case.file(sandbox), case.post("x")
    operation = case.operations["open"]
    sandbox.faults(
        {"platform": case.name, "operation": operation, "fault": "lost_response", "times": 1}
    )
    with pytest.raises(RetryableError):
        await publisher.begin(credentials, media, post)
    assert _posts(case, sandbox) == []

    ticket = await publisher.begin(credentials, media, post)
    await publisher.upload(credentials, ticket, media, offset=0)
    published = await _finish(publisher, credentials, ticket, post)
    assert [p["remote_post_id"] for p in _posts(case, sandbox)] == [published.remote_post_id]


async def test_bytes_that_are_no_video_fail_for_good_and_post_nothing(
    case: PlatformCase, sandbox: Sandbox, tmp_path: Path
) -> None:
    junk = tmp_path / "notes.mp4"
    junk.write_bytes(b"these are not the frames you are looking for\n" * 200)
    media = case.file(sandbox, junk)
    credentials = await case.credentials(sandbox)
    publisher = case.publisher(sandbox.settings)
    ticket = await publisher.begin(credentials, media, case.post("x"))
    await publisher.upload(credentials, ticket, media, offset=0)
    state = await _until(publisher, credentials, ticket, {"failed", "ready", "published"})
    assert (state.phase, state.retryable) == ("failed", False)
    assert case.unreadable in (state.reason or "")
    assert _posts(case, sandbox) == []


async def test_an_upload_that_never_finished_is_still_uploading(
    case: PlatformCase, sandbox: Sandbox
) -> None:
    credentials = await case.credentials(sandbox)
    publisher = case.publisher(sandbox.settings)
    ticket = await publisher.begin(credentials, case.file(sandbox), case.post("later"))
    state = await publisher.status(credentials, ticket)
    assert state.phase == "uploading"
    assert state.remote_post_id is None


async def test_a_caption_past_the_platform_limit_is_refused_in_words(case: PlatformCase) -> None:
    rules = registry.plugin(case.name)
    assert rules.caption_problems("A fine caption #clip", "") == []
    [problem] = rules.caption_problems("x" * 6000, "")
    assert rules.display_name in problem


# --- failures the engine must be told about ------------------------------------------------------


async def _opened(
    case: PlatformCase, sandbox: Sandbox
) -> tuple[Publisher, Credentials, UploadTicket]:
    credentials = await case.credentials(sandbox)
    publisher = case.publisher(sandbox.settings)
    ticket = await publisher.begin(credentials, case.file(sandbox), case.post("x"))
    return publisher, credentials, ticket


async def _step(
    step: str,
    case: PlatformCase,
    sandbox: Sandbox,
    publisher: Publisher,
    credentials: Credentials,
    ticket: UploadTicket,
) -> object:
    """One call of the publisher, as the engine makes it."""
    if step == "begin":
        return await publisher.begin(credentials, case.file(sandbox), case.post("x"))
    if step == "upload":
        return await publisher.upload(credentials, ticket, case.file(sandbox), offset=0)
    if step == "metrics":
        return await publisher.metrics(credentials, "no-such-post")
    return await publisher.status(credentials, ticket)


@pytest.mark.parametrize("step", ["begin", "upload", "status"])
async def test_a_rate_limit_carries_retry_after(
    case: PlatformCase, sandbox: Sandbox, step: str
) -> None:
    publisher, credentials, ticket = await _opened(case, sandbox)
    operation = case.operations[step]
    sandbox.faults(
        {"platform": case.name, "operation": operation, "fault": "rate_limit", "retry_after": 7}
    )
    with pytest.raises(RetryableError) as raised:
        await _step(step, case, sandbox, publisher, credentials, ticket)
    assert raised.value.retry_after_seconds == 7
    assert raised.value.status_code == 429


@pytest.mark.parametrize(
    ("step", "status"), [("begin", 503), ("upload", 500), ("status", 502), ("metrics", 504)]
)
async def test_server_errors_are_retryable(
    case: PlatformCase, sandbox: Sandbox, step: str, status: int
) -> None:
    publisher, credentials, ticket = await _opened(case, sandbox)
    operation = case.operations[step]
    sandbox.faults(
        {"platform": case.name, "operation": operation, "fault": "error", "status": status}
    )
    with pytest.raises(RetryableError) as raised:
        await _step(step, case, sandbox, publisher, credentials, ticket)
    assert raised.value.status_code == status


@pytest.mark.parametrize("step", ["status", "upload"])
async def test_a_timeout_is_retryable_and_the_next_call_tells_the_truth(
    case: PlatformCase, sandbox: Sandbox, step: str
) -> None:
    settings = sandbox.settings.model_copy(update={"platform_upload_timeout_seconds": 1.0})
    credentials = await case.credentials(sandbox)
    publisher = case.publisher(settings)
    media = case.file(sandbox)
    ticket = await publisher.begin(credentials, media, case.post("slow"))
    delay = settings.platform_timeout_seconds + 1  # past both client timeouts
    operation = case.operations[step]
    sandbox.faults(
        {
            "platform": case.name,
            "operation": operation,
            "fault": "timeout",
            "delay_seconds": delay,
            "times": 1,
        }
    )
    with pytest.raises(RetryableError) as raised:
        await _step(step, case, sandbox, publisher, credentials, ticket)
    assert "timed out" in raised.value.reason
    state = await publisher.status(credentials, ticket)
    assert state.phase in ("uploading", "processing", "ready", "published")


async def test_a_dropped_upload_is_retryable_and_status_says_what_arrived(
    case: PlatformCase, sandbox: Sandbox
) -> None:
    publisher, credentials, ticket = await _opened(case, sandbox)
    media = case.file(sandbox)
    sandbox.faults({"platform": case.name, "operation": case.operations["upload"], "fault": "drop"})
    with pytest.raises(RetryableError):
        await publisher.upload(credentials, ticket, media, offset=0)
    state = await publisher.status(credentials, ticket)
    assert state.phase == "uploading"
    assert 0 <= state.uploaded_bytes < media.size_bytes


async def test_a_dropped_connection_while_reading_the_account_is_retryable(
    case: PlatformCase, sandbox: Sandbox
) -> None:
    grant = await case.connect(sandbox, "maria")
    oauth = registry.plugin(case.name).oauth(sandbox.settings)
    operation = case.operations["fetch_account"]
    sandbox.faults({"platform": case.name, "operation": operation, "fault": "drop", "times": 1})
    with pytest.raises(RetryableError):
        await oauth.fetch_account(grant.access_token)
    assert (await oauth.fetch_account(grant.access_token)).remote_id
