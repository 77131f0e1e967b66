"""Hostile deliveries to the three webhook endpoints: unsigned, badly signed, replayed, oversized,
malformed, and XML built to blow up or leak through the YouTube Atom parser. Each is refused
with a 4xx and the JSON error shape, and leaves nothing behind: no delivery row, no queued task,
no ledger event."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from backend.models import LedgerEvent, WebhookDelivery
from backend.platforms.signatures import meta_sign, tiktok_sign, websub_sign
from tests.broker import drain
from tests.security.support import assert_json_error
from tests.webhooks.helpers import (
    instagram_body,
    instagram_headers,
    queued_deliveries,
    tiktok_body,
    tiktok_headers,
    youtube_body,
    youtube_headers,
)

STRANGER_SECRET = "a-secret-the-platform-never-shared-with-us"
SIGNED: dict[str, tuple[bytes, Callable[[bytes], dict[str, str]]]] = {
    "instagram": (instagram_body(), instagram_headers),
    "tiktok": (tiktok_body("post.publish.complete", {"publish_id": "p-1"}), tiktok_headers),
    "youtube": (youtube_body("dQw4w9WgXcQ", "UCchannel"), youtube_headers),
}
SIGNATURE_HEADER = {
    "instagram": "X-Hub-Signature-256",
    "tiktok": "Tiktok-Signature",
    "youtube": "X-Hub-Signature",
}
CONTENT_TYPE = {
    "instagram": "application/json",
    "tiktok": "application/json",
    "youtube": "application/atom+xml",
}

XML_ATTACKS = {
    "billion laughs": b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol4;</title></entry></feed>""",
    "quadratic blowup": b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "'
    + b"x" * 50_000
    + b'">]><feed xmlns="http://www.w3.org/2005/Atom"><title>'
    + b"&a;" * 200
    + b"</title></feed>",
    "external entity (XXE)": b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&secret;</title></entry></feed>""",
    "external entity over HTTP": b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY remote SYSTEM "http://127.0.0.1:9/steal">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>&remote;</title></feed>""",
    "parameter entity": b"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY % dtd SYSTEM "file:///etc/passwd"> %dtd;]>
<feed xmlns="http://www.w3.org/2005/Atom"/>""",
    "external DTD": b"""<?xml version="1.0"?>
<!DOCTYPE feed SYSTEM "http://127.0.0.1:9/evil.dtd">
<feed xmlns="http://www.w3.org/2005/Atom"/>""",
    "XInclude": b"""<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:xi="http://www.w3.org/2001/XInclude">
<entry><title><xi:include parse="text" href="file:///etc/passwd"/></title></entry></feed>""",
    "truncated": b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>',
    "not XML": b"{}",
}


@pytest.fixture(autouse=True)
def empty_broker() -> None:
    drain()


async def _nothing_was_kept(session) -> None:
    assert await session.scalar(select(func.count()).select_from(WebhookDelivery)) == 0
    webhook_events = select(func.count()).where(LedgerEvent.type.like("webhook%"))
    assert await session.scalar(webhook_events) == 0
    assert queued_deliveries() == []


def _sign(platform: str, body: bytes, secret: str, at: float | None = None) -> str:
    if platform == "instagram":
        return meta_sign(body, secret)
    if platform == "tiktok":
        return tiktok_sign(body, secret, int(time.time() if at is None else at))
    return websub_sign(body, secret)


def _attacks(platform: str, settings) -> dict[str, tuple[bytes, dict[str, str]]]:
    body, sign = SIGNED[platform]
    genuine = sign(body)
    content_type = {"Content-Type": CONTENT_TYPE[platform]}
    header = SIGNATURE_HEADER[platform]
    other = SIGNED["instagram" if platform != "instagram" else "tiktok"][0]
    attacks = {
        "unsigned": (body, content_type),
        "signed with another secret": (
            body,
            {**content_type, header: _sign(platform, body, STRANGER_SECRET)},
        ),
        "signature of another body": (other, {**genuine}),
        "body tampered after signing": (body.replace(b"1", b"2", 1), {**genuine}),
        "empty signature": (body, {**content_type, header: ""}),
        "signature with another scheme": (body, {**content_type, header: "md5=00"}),
    }
    if platform == "tiktok":
        secret = settings.tiktok_client_secret.get_secret_value()
        age = settings.webhook_max_age_seconds
        attacks["replayed: signed long ago"] = (
            body,
            {**content_type, header: _sign(platform, body, secret, time.time() - age - 60)},
        )
        attacks["signed in the future"] = (
            body,
            {**content_type, header: _sign(platform, body, secret, time.time() + age + 60)},
        )
    return attacks


@pytest.mark.parametrize("platform", list(SIGNED))
async def test_unsigned_forged_and_replayed_deliveries_are_refused(
    client, session, settings, platform
):
    for name, (body, headers) in _attacks(platform, settings).items():
        response = await client.post(f"/webhooks/{platform}", content=body, headers=headers)
        assert response.status_code == 401, (name, response.text)
        assert_json_error(response, 401)
    await _nothing_was_kept(session)


@pytest.mark.parametrize("platform", list(SIGNED))
async def test_oversized_deliveries_are_refused_even_when_signed(
    client, session, settings, platform
):
    padding = b" " * (settings.webhook_max_body_bytes + 1)
    body, sign = SIGNED[platform]
    padded = body + padding if platform == "youtube" else body[:-1] + padding + body[-1:]
    response = await client.post(f"/webhooks/{platform}", content=padded, headers=sign(padded))
    assert assert_json_error(response, 413)["error"] == "webhook_too_large"
    await _nothing_was_kept(session)


@pytest.mark.parametrize("platform", ["instagram", "tiktok"])
@pytest.mark.parametrize(
    "body",
    [b"", b"{", b"[1]", b"null", b'{"object": "instagram", "entry": "x"}', b"\xff\xfe\x00{"],
)
async def test_signed_malformed_json_is_a_bad_request(client, session, platform, body):
    sign = SIGNED[platform][1]
    response = await client.post(f"/webhooks/{platform}", content=body, headers=sign(body))
    assert assert_json_error(response, 400)["error"] == "webhook_malformed"
    await _nothing_was_kept(session)


@pytest.mark.parametrize("attack", list(XML_ATTACKS))
async def test_signed_xml_bombs_and_external_entities_are_refused(client, session, attack):
    body = XML_ATTACKS[attack]
    started = time.monotonic()
    response = await client.post("/webhooks/youtube", content=body, headers=youtube_headers(body))
    assert assert_json_error(response, 400)["error"] == "webhook_malformed"
    assert "root:" not in response.text
    assert time.monotonic() - started < 10  # refused, not expanded
    await _nothing_was_kept(session)


@pytest.mark.parametrize("platform", list(SIGNED))
async def test_a_genuine_delivery_sent_again_is_kept_once(client, session, platform):
    body, sign = SIGNED[platform]
    for _ in range(3):
        response = await client.post(f"/webhooks/{platform}", content=body, headers=sign(body))
        assert response.status_code == 200, response.text
    assert await session.scalar(select(func.count()).select_from(WebhookDelivery)) == 1
    assert len(queued_deliveries()) == 1
