"""The acceptance journey of the event stream, on real processes (an API and a worker, on the
embedded transport and on Redis): `stakazo events` watches an upload's job progress and its clips
appear live, the network between it and the API fails mid-job, and once it is back the script
prints what it missed, without a resync."""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from websockets.sync.client import ClientConnection, connect

from tests.e2e.processes import wait_for
from tests.e2e.test_worker_roundtrip import BROKERS, SHARED, running_stack
from tests.events.proxy import cuttable_proxy
from tests.events.stack import Member, printed, watching


def _age(message: dict) -> float:
    return time.time() - _recorded_at(message)


def _recorded_at(message: dict) -> float:
    return datetime.fromisoformat(message["at"]).timestamp()


def _next(socket: ClientConnection, type: str, within: float = 300) -> dict:
    """The next message of ``type`` on a subscriber connected straight to the API."""
    while True:
        message = json.loads(socket.recv(timeout=within))
        if message["type"] == type:
            return dict(message)


def _first_since(socket: ClientConnection, moment: float) -> dict:
    """The first event recorded at or after ``moment``."""
    while True:
        message = json.loads(socket.recv(timeout=300))
        if "at" in message and _recorded_at(message) >= moment:
            return dict(message)


@pytest.mark.parametrize("broker", BROKERS)
def test_a_script_sees_an_upload_become_clips_and_catches_up_after_a_drop(
    scratch_database_url, tmp_path, broker
):
    with running_stack(scratch_database_url, broker, tmp_path, workers=1) as api:
        base = urlsplit(str(api.base_url))
        assert base.port is not None
        token = api.headers["Authorization"].removeprefix("Bearer ")
        who = Member(token, uuid.UUID(api.headers["X-Workspace-Id"]), uuid.uuid4())
        with (
            cuttable_proxy(base.port) as proxy,
            watching(f"http://127.0.0.1:{proxy.port}", who, tmp_path) as out,
            connect(f"ws://{base.netloc}/v1/events", additional_headers=who.headers) as direct,
        ):
            wait_for(lambda: any(m["type"] == "subscribed" for m in printed(out)), 60, "the script")
            with (SHARED / "his_girl_friday_dialogue.mp4").open("rb") as video:
                uploaded = api.post("/v1/upload", files={"file": ("f.mp4", video, "video/mp4")})
            assert uploaded.status_code == 201, uploaded.text
            asset_id = uploaded.json()["id"]

            # The worker's progress reaches a subscriber within a second of being recorded.
            ages = [_age(_next(direct, "job.progress")) for _ in range(3)]
            assert max(ages) < 1.0, ages

            def job_events(kind: str) -> list[dict]:
                return [
                    m
                    for m in printed(out)
                    if m["type"] == kind
                    and m["data"].get("asset_id") == asset_id
                    and m["data"].get("job_type") == "media.process"
                ]

            seen = wait_for(lambda: job_events("job.progress"), 120, "progress, live")
            job_id = seen[-1]["subject_id"]
            proxy.cut()
            cut_at = time.time()
            # Something happens while the script is cut off: more progress, clips, the end.
            during_gap = _first_since(direct, cut_at)
            proxy.open.set()

            def finished() -> bool:
                states = [m["data"]["state"] for m in job_events("job.state")]
                clips = [m for m in printed(out) if m["type"] == "clip.created"]
                return "succeeded" in states and bool(clips)

            wait_for(finished, 300, "the script to print the job's end and its clips")
            # Under load the script may print the job's end from before the cut late: what it
            # missed while cut off only comes back through its reconnection.
            wait_for(lambda: during_gap in printed(out), 120, "the script to catch up")

        messages = printed(out)
        assert {"type": "resync"} not in messages
        ids = [m["id"] for m in messages if "id" in m]
        assert len(ids) == len(set(ids))
        [_, reconnected_at] = [i for i, m in enumerate(messages) if m["type"] == "subscribed"][:2]
        assert during_gap in messages[reconnected_at:]  # missed, then replayed
        progress = [
            m["data"]["progress"]
            for m in messages
            if m["type"] == "job.progress" and m["subject_id"] == job_id
        ]
        assert progress == sorted(progress)
        clips = api.get(f"/v1/clips?asset_id={asset_id}").json()["items"]
        created = {m["subject_id"] for m in messages if m["type"] == "clip.created"}
        assert created == {clip["id"] for clip in clips}
