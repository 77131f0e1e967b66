"""The whole journey through the generated Python client against live processes (API with the
sandbox, worker, beat; embedded default: SQLite and the filesystem broker): register, upload a
video over tus in chunks with an interruption and a resume from HEAD, wait for clips, connect the
three sandbox accounts, approve for all three, see every publication `published`, verify the
ledger. The upload and the sign-in are the code of api-clients/python/README.md, executed."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
import pytest
from stakazo_client import AuthenticatedClient, Client
from stakazo_client.api.accounts import accounts_creator_info, accounts_list, accounts_start_connect
from stakazo_client.api.assets import assets_get
from stakazo_client.api.auth import auth_register
from stakazo_client.api.clips import clips_list
from stakazo_client.api.ledger import ledger_list_events, ledger_verify
from stakazo_client.api.publications import publications_confirm_publish, publications_get
from stakazo_client.api.uploads import uploads_tus_head, uploads_tus_patch
from stakazo_client.models import (
    AccountOut,
    AccountsStartConnectPlatform,
    AssetOut,
    ConfirmPublish,
    ConnectRequest,
    ConnectStart,
    CreatorInfoOut,
    ErrorBody,
    LedgerVerification,
    PageAccountOut,
    PageClipOut,
    PageLedgerEventOut,
    PublicationBatch,
    PublicationOut,
    RegisterRequest,
    Registration,
)
from stakazo_client.types import File

from tests.e2e.processes import answered, free_port, stakazo_process, wait_for
from tests.e2e.publishing_stack import stack_env
from tests.factories import POST_CHOICES
from tests.paths import TEST_MEDIA
from tests.publishing.support import approve_consent, path_and_query

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "api-clients" / "python" / "README.md"
OWNER = {"email": "maria@example.com", "password": "plum-orbit-lantern-42", "name": "Maria"}
VIDEO = TEST_MEDIA / "his_girl_friday_dialogue.mp4"
CHUNK = 128 * 1024


def readme_examples() -> dict[str, Any]:
    """The README's Python code blocks, run in order in one namespace."""
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.DOTALL)
    assert blocks, "the README has no Python example"
    namespace: dict[str, Any] = {"__name__": "readme"}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 - our own README
    return namespace


@pytest.fixture
def live(scratch_database_url: str, tmp_path: Path) -> Iterator[str]:
    """API, worker and beat in processes of their own; the API's base URL."""
    port = free_port()
    env = stack_env(scratch_database_url, None, tmp_path, port)
    base = f"http://127.0.0.1:{port}"
    with ExitStack() as processes:
        for name, args in (("api", ["api"]), ("worker", ["worker", "--concurrency", "2"])):
            processes.enter_context(stakazo_process(args, env, tmp_path, tmp_path / f"{name}.log"))
        processes.enter_context(stakazo_process(["beat"], env, tmp_path, tmp_path / "beat.log"))
        wait_for(answered(f"{base}/debug/health"), 60, "the API to start")
        try:
            yield base
        except BaseException:
            print((tmp_path / "worker.log").read_text(errors="replace")[-6000:])
            raise


def connect(api: AuthenticatedClient, base: str, platform: str, username: str) -> AccountOut:
    """Start the OAuth dance with the client, consent on the sandbox's page as a person does,
    and follow the platform's redirect to our callback (a platform-facing route, not in the
    client)."""
    started = accounts_start_connect.sync(
        AccountsStartConnectPlatform(platform), client=api, body=ConnectRequest()
    )
    assert isinstance(started, ConnectStart), started
    assert started.sandbox is True
    location = approve_consent(started.authorize_url, username)
    assert location.startswith(f"{base}/accounts/oauth/{platform}/callback"), location
    signed_in = api.get_httpx_client().headers
    headers = {name: signed_in[name] for name in ("Authorization", "X-Workspace-Id")}
    headers["Accept"] = "application/json"
    done = httpx.get(f"{base}{path_and_query(location)}", headers=headers, timeout=30)
    assert done.status_code == 200, done.text
    [account] = [a for a in accounts(api) if str(a.id) == done.json()["account"]["id"]]
    assert account.platform.value == platform
    assert account.status.value == "connected"
    return account


def accounts(api: AuthenticatedClient) -> list[AccountOut]:
    page = accounts_list.sync(client=api)
    assert isinstance(page, PageAccountOut), page
    return page.items


def test_register_upload_clip_connect_approve_publish(live: str) -> None:
    base = live
    readme = readme_examples()

    with Client(base_url=base) as anonymous:
        registered = auth_register.sync(client=anonymous, body=RegisterRequest(**OWNER))
    assert isinstance(registered, Registration), registered
    api: AuthenticatedClient = readme["sign_in"](base, OWNER["email"], OWNER["password"])
    workspace_id = str(registered.workspace.workspace_id)
    assert api.get_httpx_client().headers["X-Workspace-Id"] == workspace_id

    # Upload in chunks; the connection "drops" after the first one: the program lost its
    # offset, a PATCH at the old offset is refused with 409, HEAD says where to go on from.
    upload_id: UUID = readme["start_upload"](api, VIDEO)
    first = VIDEO.read_bytes()[:CHUNK]
    sent = uploads_tus_patch.sync_detailed(
        upload_id, client=api, body=File(payload=io.BytesIO(first)), upload_offset=0,
        tus_resumable="1.0.0",
    )  # fmt: skip
    assert sent.status_code == 204, sent.parsed
    assert sent.headers["Upload-Offset"] == str(CHUNK)
    stale = uploads_tus_patch.sync_detailed(
        upload_id, client=api, body=File(payload=io.BytesIO(first)), upload_offset=0,
        tus_resumable="1.0.0",
    )  # fmt: skip
    assert stale.status_code == 409
    assert isinstance(stale.parsed, ErrorBody)
    head = uploads_tus_head.sync_detailed(upload_id, client=api, tus_resumable="1.0.0")
    assert head.status_code == 200
    assert head.headers["Upload-Offset"] == str(CHUNK)
    assert head.headers["Upload-Length"] == str(VIDEO.stat().st_size)
    asset_id: UUID = readme["resume_upload"](api, upload_id, VIDEO, chunk_bytes=CHUNK)
    # Resuming a finished upload answers at once with the same asset.
    assert readme["resume_upload"](api, upload_id, VIDEO) == asset_id
    asset = assets_get.sync(asset_id, client=api)
    assert isinstance(asset, AssetOut), asset
    assert asset.size_bytes == VIDEO.stat().st_size
    assert asset_id in [a.id for a in readme["all_assets"](api)]

    def found_clips() -> list[Any]:
        page = clips_list.sync(client=api, asset_id=asset_id)
        assert isinstance(page, PageClipOut), page
        return page.items

    clips = wait_for(found_clips, 120, "clips of the uploaded video")

    connected = [
        connect(api, base, "instagram", "maria.reels"),
        connect(api, base, "tiktok", "maria_tok"),
        connect(api, base, "youtube", "MariaShorts"),
    ]
    assert {a.platform.value for a in accounts(api)} == {"instagram", "tiktok", "youtube"}
    [tiktok] = [a for a in connected if a.platform.value == "tiktok"]
    creator = accounts_creator_info.sync(tiktok.id, client=api)
    assert isinstance(creator, CreatorInfoOut), creator

    caption = "Friday night dialogue #classic"
    spec = {"clip_id": str(clips[0].id), "account_ids": [str(a.id) for a in connected],
            "caption": caption, **POST_CHOICES}  # fmt: skip
    batch = publications_confirm_publish.sync(
        client=api, body=ConfirmPublish.from_dict({"create": spec})
    )
    assert isinstance(batch, PublicationBatch), batch
    assert len(batch.items) == 3

    def final(publication_id: UUID) -> PublicationOut | None:
        current = publications_get.sync(publication_id, client=api)
        assert isinstance(current, PublicationOut), current
        return current if current.state.value in ("published", "failed", "cancelled") else None

    for item in batch.items:
        done = wait_for(lambda i=item.id: final(i), 120, f"publication {item.id}")
        assert done.state.value == "published", done
        assert done.remote_post_id
        trail = ledger_list_events.sync(client=api, publication_id=done.id, limit=200)
        assert isinstance(trail, PageLedgerEventOut), trail
        types = {event.type_ for event in trail.items}
        assert {"publication.approved", "publication.published"} <= types, types

    verified = ledger_verify.sync(client=api)
    assert isinstance(verified, LedgerVerification), verified
    assert verified.intact is True
