"""A real Stakazo in processes — API (with the sandbox mounted), worker and beat — for publishing
journeys, with the controls a test needs: connect accounts through the consent pages, inject
sandbox faults, kill and restart the worker or the API."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
from collections.abc import Generator, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from backend.config import Settings
from backend.db import create_engine, create_session_factory
from backend.models import Workspace
from tests.e2e.processes import answered, free_port, stakazo_process, wait_for
from tests.factories import POST_CHOICES
from tests.publishing.support import approve_consent, clip_with_variants, path_and_query

ROOT = Path(__file__).resolve().parents[2]
FINAL = ("published", "failed", "cancelled")


def stack_env(database_url: str, redis_url: str | None, folder: Path, port: int) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.update(
        STAKAZO_DATABASE_URL=database_url,
        STAKAZO_BROKER_URL=redis_url or "filesystem://",
        STAKAZO_BROKER_DIR=str(folder / "broker"),
        STAKAZO_RESULT_BACKEND=f"db+sqlite:///{folder / 'results.db'}",
        STAKAZO_MEDIA_DIR=str(folder / "media"),
        STAKAZO_API_PORT=str(port),
        STAKAZO_PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
        STAKAZO_LOG_JSON="true",
        STAKAZO_SANDBOX_PROCESSING_SECONDS="0.3",
        STAKAZO_INSTAGRAM_POLL_INTERVAL_SECONDS="1",
        STAKAZO_PUBLISH_STALE_AFTER_SECONDS="3",
        # The outbox re-sends silent publications: look every second, not every minute.
        STAKAZO_JOB_REDISPATCH_INTERVAL_SECONDS="1",
        STAKAZO_PLATFORM_TIMEOUT_SECONDS="5",
        STAKAZO_PLATFORM_UPLOAD_TIMEOUT_SECONDS="10",
    )
    return env


@dataclass
class PublishingStack:
    api: httpx.Client
    base: str
    folder: Path
    env: dict[str, str]
    workspace_id: str
    worker_concurrency: int = 2
    worker: subprocess.Popen[bytes] | None = None
    api_process: subprocess.Popen[bytes] | None = None
    _exits: ExitStack = field(default_factory=ExitStack)

    # --- the sandbox -----------------------------------------------------------------------
    def sandbox(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        response = httpx.request(method, f"{self.base}/sandbox{path}", timeout=10, **kwargs)
        response.raise_for_status()
        return response

    def faults(self, *rules: dict[str, Any]) -> None:
        self.sandbox("PUT", "/_control/faults", json={"rules": list(rules)})

    def posts(self, platform: str, caption: str) -> list[dict[str, Any]]:
        stats = self.sandbox("GET", "/_control/stats").json()
        return [p for p in stats[platform]["posts"] if p["caption"] == caption]

    # --- accounts, clips, publications -----------------------------------------------------
    def connect(self, platform: str, username: str) -> dict[str, Any]:
        started = self.api.post(f"/v1/accounts/connect/{platform}", json={})
        assert started.status_code == 200, started.text
        assert started.json()["sandbox"] is True
        location = approve_consent(started.json()["authorize_url"], username)
        assert location.startswith(f"{self.base}/accounts/oauth/{platform}/callback"), location
        done = self.api.get(path_and_query(location), headers={"Accept": "application/json"})
        assert done.status_code == 200, done.text
        account: dict[str, Any] = done.json()["account"]
        assert account["status"] == "connected"
        return account

    def seed_clip(self, video: Path) -> str:
        """A clip with ready variants for the three platforms, written straight to the database
        (rendering is the media pipeline's business and has its own end-to-end test)."""

        async def seed() -> str:
            settings = Settings(_env_file=None, media_dir=Path(self.env["STAKAZO_MEDIA_DIR"]))
            engine = create_engine(self.env["STAKAZO_DATABASE_URL"], settings)
            try:
                async with create_session_factory(engine)() as session:
                    workspace = await session.get(
                        Workspace, __import__("uuid").UUID(self.workspace_id)
                    )
                    assert workspace is not None
                    clip, _ = await clip_with_variants(session, settings, workspace, video)
                    await session.commit()
                    return str(clip.id)
            finally:
                await engine.dispose()

        return asyncio.run(seed())

    def publish(self, clip_id: str, accounts: list[dict[str, Any]], caption: str) -> list[str]:
        body = {"create": {"clip_id": clip_id, "account_ids": [a["id"] for a in accounts],
                           "caption": caption, **POST_CHOICES}}  # fmt: skip
        confirmed = self.api.post("/v1/confirm_publish", json=body)
        assert confirmed.status_code == 200, confirmed.text
        return [p["id"] for p in confirmed.json()["items"]]

    def publication(self, publication_id: str) -> dict[str, Any]:
        result: dict[str, Any] = self.api.get(f"/v1/publications/{publication_id}").json()
        return result

    def wait_state(
        self, publication_id: str, states: tuple[str, ...] = FINAL, timeout: float = 90
    ) -> dict[str, Any]:
        def reached() -> dict[str, Any] | None:
            current = self.publication(publication_id)
            return current if current["state"] in states else None

        try:
            return wait_for(reached, timeout, f"publication {publication_id} to be {states}")
        except AssertionError:
            print(self.log("worker")[-6000:])
            raise

    def trail(self, publication_id: str) -> list[str]:
        items = self.api.get(f"/v1/ledger?publication_id={publication_id}&limit=200").json()[
            "items"
        ]
        return [event["type"] for event in reversed(items)]

    # --- processes -------------------------------------------------------------------------
    def log(self, name: str) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def start_worker(self, generation: int = 0) -> None:
        self.worker = self._exits.enter_context(
            stakazo_process(
                ["worker", "--concurrency", str(self.worker_concurrency)],
                self.env,
                self.folder,
                self.folder / ("worker.log" if generation == 0 else f"worker-{generation}.log"),
            )
        )

    def kill_worker(self) -> None:
        """SIGKILL, as when a machine dies: no cleanup, no acknowledgement."""
        assert self.worker is not None
        _kill(self.worker)

    def kill_api(self) -> None:
        """SIGKILL the API mid-request: no response, no commit, no cleanup."""
        assert self.api_process is not None
        _kill(self.api_process)

    def start_api(self, generation: int) -> None:
        """A new API process on the same port (the old one must be dead)."""
        self.api_process = self._exits.enter_context(
            stakazo_process(["api"], self.env, self.folder, self.folder / f"api-{generation}.log")
        )
        wait_for(answered(f"{self.base}/debug/health"), 60, "the API to start again")


def _kill(process: subprocess.Popen[bytes]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


class SignedIn(httpx.Auth):
    """Bearer auth that signs in again when the access token runs out (long benchmarks)."""

    def __init__(self, base: str, credentials: dict[str, str]) -> None:
        self.base, self.credentials, self.token = base, credentials, ""

    def _sign_in(self) -> None:
        answer = httpx.post(f"{self.base}/v1/auth/login", json=self.credentials, timeout=30)
        answer.raise_for_status()
        self.token = answer.json()["access_token"]

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if not self.token:
            self._sign_in()
        request.headers["Authorization"] = f"Bearer {self.token}"
        response = yield request
        if response.status_code == 401:
            self._sign_in()
            request.headers["Authorization"] = f"Bearer {self.token}"
            yield request


@contextmanager
def publishing_stack(
    database_url: str,
    redis_url: str | None,
    folder: Path,
    *,
    extra_env: dict[str, str] | None = None,
    worker_concurrency: int = 2,
) -> Iterator[PublishingStack]:
    """Processes on ``redis_url`` as broker, or the filesystem broker when it is None."""
    if redis_url:
        import redis

        redis.Redis.from_url(redis_url).flushdb()
    port = free_port()
    env = {**stack_env(database_url, redis_url, folder, port), **(extra_env or {})}
    base = f"http://127.0.0.1:{port}"
    (folder / "var").mkdir(parents=True, exist_ok=True)
    with ExitStack() as processes:
        api_process = processes.enter_context(
            stakazo_process(["api"], env, folder, folder / "api.log")
        )
        processes.enter_context(stakazo_process(["beat"], env, folder, folder / "beat.log"))
        wait_for(answered(f"{base}/debug/health"), 60, "the API to start")
        with httpx.Client(base_url=base, timeout=30) as api:
            owner = {"email": "owner@example.com", "password": "plum-orbit-lantern-42"}
            registered = api.post("/v1/auth/register", json={**owner, "name": "Owner"})
            assert registered.status_code == 201, registered.text
            workspace_id = registered.json()["workspace"]["workspace_id"]
            api.auth = SignedIn(base, owner)
            api.headers.update({"X-Workspace-Id": workspace_id})
            stack = PublishingStack(
                api, base, folder, env, workspace_id, worker_concurrency, api_process=api_process
            )
            with stack._exits:
                stack.start_worker()
                yield stack
