"""kill -9 of the API in the middle of a tus upload (real processes: API, worker, beat): after a
restart the upload resumes at exactly the bytes the server acknowledged, finishes, and the asset
is processed from a byte-identical file.

The clip is the real dialogue re-encoded at a high bitrate (about 7 MB), so that the chunk in
flight when the API dies is big enough to reach the disk (the API writes in 1 MiB blocks): the
bytes on disk then run ahead of the committed offset, which is what resuming must ignore."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from core.ffmpeg import find_ffmpeg
from tests.conftest import TEST_REDIS_URL
from tests.e2e.processes import wait_for
from tests.e2e.publishing_stack import PublishingStack, publishing_stack
from tests.paths import TEST_MEDIA

TUS = {"Tus-Resumable": "1.0.0"}
PIECE = 64 * 1024
ACKNOWLEDGED = 2 * 1024 * 1024  # the first PATCH, answered 204
SENT_BEFORE_THE_STALL = 3 * PIECE * 8  # 1.5 MiB of the second PATCH, then silence


@pytest.fixture
def video(tmp_path: Path) -> bytes:
    path = tmp_path / "friday-high-bitrate.mp4"
    result = subprocess.run(
        [
            find_ffmpeg(None), "-hide_banner", "-nostdin", "-y", "-v", "error",
            "-i", str(TEST_MEDIA / "his_girl_friday_dialogue.mp4"),
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "6", "-pix_fmt", "yuv420p",
            "-c:a", "copy", "-movflags", "+faststart", str(path),
        ],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = path.read_bytes()
    assert len(data) > ACKNOWLEDGED + SENT_BEFORE_THE_STALL + 1024 * 1024
    return data


@pytest.fixture
def stack(scratch_database_url: str, tmp_path: Path) -> Iterator[PublishingStack]:
    with publishing_stack(scratch_database_url, TEST_REDIS_URL, tmp_path) as running:
        yield running


def _patch(api: httpx.Client, location: str, offset: int, body: object) -> httpx.Response:
    headers = {
        **TUS,
        "Upload-Offset": str(offset),
        "Content-Type": "application/offset+octet-stream",
    }
    return api.patch(location, headers=headers, content=body)


def _stalled_patch(
    stack: PublishingStack, location: str, offset: int, data: bytes, release: threading.Event
) -> threading.Thread:
    """A PATCH that sends part of its bytes, then stalls (as a slow network does) until
    ``release``; the API is killed while it waits."""

    def body() -> Iterator[bytes]:
        for start in range(0, SENT_BEFORE_THE_STALL, PIECE):
            yield data[start : start + PIECE]
        release.wait(timeout=120)
        yield data[SENT_BEFORE_THE_STALL:]

    def send() -> None:
        # The API dies under it: getting no answer is the point.
        with contextlib.suppress(httpx.HTTPError):
            _patch(stack.api, location, offset, body())

    thread = threading.Thread(target=send, name="stalled-patch", daemon=True)
    thread.start()
    return thread


def test_an_upload_survives_the_api_being_killed_mid_chunk(stack: PublishingStack, video: bytes):
    filename = base64.b64encode(b"friday.mp4").decode()
    created = stack.api.post(
        "/v1/uploads/tus",
        headers={
            **TUS,
            "Upload-Length": str(len(video)),
            "Upload-Metadata": f"filename {filename}",
        },
    )
    assert created.status_code == 201, created.text
    location = created.headers["location"]
    partial = (
        Path(stack.env["STAKAZO_MEDIA_DIR"]) / "incoming" / f"{location.rsplit('/', 1)[1]}.part"
    )

    acknowledged = ACKNOWLEDGED
    first = _patch(stack.api, location, 0, video[:acknowledged])
    assert first.status_code == 204, first.text
    assert int(first.headers["upload-offset"]) == acknowledged

    # The second chunk is half-sent when the API dies: its bytes may be on disk, never committed.
    release = threading.Event()
    sender = _stalled_patch(stack, location, acknowledged, video[acknowledged:], release)
    wait_for(
        lambda: partial.stat().st_size > acknowledged,
        60,
        "the API to write part of the second chunk to disk",
    )
    stack.kill_api()
    release.set()
    sender.join(timeout=60)
    assert not sender.is_alive()

    stack.start_api(generation=1)
    head = stack.api.head(location, headers=TUS)
    assert head.status_code == 200, head.headers
    assert int(head.headers["upload-offset"]) == acknowledged
    assert int(head.headers["upload-length"]) == len(video)

    rest = _patch(stack.api, location, acknowledged, video[acknowledged:])
    assert rest.status_code == 204, rest.text
    asset_id = rest.headers["stakazo-asset-id"]

    def processed() -> dict | None:
        asset = stack.api.get(f"/v1/assets/{asset_id}").json()
        return asset if asset["state"] in ("ready", "rejected", "failed") else None

    asset = wait_for(processed, 240, "the uploaded asset to be processed")
    assert asset["state"] == "ready", asset
    assert asset["size_bytes"] == len(video)
    original = hashlib.sha256(video).hexdigest()
    assert asset["sha256"] == original
    stored = [
        path
        for path in (Path(stack.env["STAKAZO_MEDIA_DIR"]) / "assets").rglob("*")
        if path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == original
    ]
    assert len(stored) == 1, "the stored source is not byte-identical to the clip"
    # The asset goes on to render variants, which are not this test's business: a warm shutdown
    # would wait for them.
    stack.kill_worker()
