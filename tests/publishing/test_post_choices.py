"""The user's per-post choices: asked for where the platform requires them, never filled in,
kept on the publication; and the account facts the dashboard offers them from."""

from __future__ import annotations

import hashlib
import uuid
from datetime import timedelta

from sqlalchemy import select

from backend.models import Publication, Variant
from backend.models.base import utcnow
from backend.platforms.base import WebhookEvent
from backend.publishing.remote_events import apply_remote_event
from tests.factories import POST_CHOICES, create_publication
from tests.publishing.test_publications_api import _spec, team

__all__ = ["team"]


async def test_tiktok_direct_posts_and_youtube_need_the_users_choices(client, team):
    for platform in ("tiktok", "youtube"):
        body = {**_spec(team, platform), platform: None}
        response = await client.post("/v1/publications", json=body, headers=team.editor)
        assert response.status_code == 422, platform
        assert "none are filled in" in response.json()["detail"]
    draft = {**_spec(team, "tiktok", mode="draft"), "tiktok": None}
    response = await client.post("/v1/publications", json=draft, headers=team.editor)
    assert response.status_code == 201  # a draft's settings are made in the TikTok app
    assert response.json()["items"][0]["options"] == {}


async def test_the_choices_are_validated_and_kept(client, team):
    body = _spec(team, "tiktok", "youtube", youtube={"made_for_kids": True, "tags": ["a b"]})
    response = await client.post("/v1/publications", json=body, headers=team.editor)
    assert response.status_code == 201, response.text
    by_platform = {item["platform"]: item["options"] for item in response.json()["items"]}
    assert by_platform["tiktok"] == POST_CHOICES["tiktok"]
    assert by_platform["youtube"] == {"made_for_kids": True, "tags": ["a b"], "category_id": "22"}

    private_ad = {**POST_CHOICES["tiktok"], "privacy_level": "SELF_ONLY",
                  "brand_content_toggle": True}  # fmt: skip
    refused = await client.post(
        "/v1/publications", json=_spec(team, "tiktok", tiktok=private_ad), headers=team.editor
    )
    assert refused.status_code == 422
    assert "branded content" in refused.json()["detail"]
    half = {"privacy_level": "SELF_ONLY"}
    refused = await client.post(
        "/v1/publications", json=_spec(team, "tiktok", tiktok=half), headers=team.editor
    )
    assert refused.status_code == 422
    unknown = await client.post(
        "/v1/publications",
        json=_spec(team, "youtube", youtube={"made_for_kids": False, "category_id": "18"}),
        headers=team.editor,
    )
    assert unknown.status_code == 422


async def test_a_publication_without_choices_is_not_approved(client, session, team):
    publication = await create_publication(
        session, team.accounts["youtube"], team.clip, state="awaiting_approval", options={}
    )
    await session.commit()
    response = await client.post(
        "/v1/confirm_publish",
        json={"publication_ids": [str(publication.id)]},
        headers=team.admin,
    )
    assert response.status_code == 422
    assert "made_for_kids" in response.json()["detail"]


async def test_a_completion_without_the_public_id_leaves_a_public_post_in_moderation(
    session,
    team,
):
    publication = await create_publication(
        session,
        team.accounts["tiktok"],
        team.clip,
        state="processing",
        remote_upload_id=f"v_pub_file~v2-1.{uuid.uuid4().int % 10**18}",
        upload_extra={"privacy_level": "PUBLIC_TO_EVERYONE", "awaits_post_id": "1"},
    )
    await session.flush()

    def event(kind: str, post_id: str | None) -> WebhookEvent:
        return WebhookEvent(
            platform="tiktok",
            kind=kind,  # type: ignore[arg-type]
            key=f"{kind}:{publication.remote_upload_id}",
            remote_upload_id=publication.remote_upload_id,
            remote_post_id=post_id,
        )

    assert await apply_remote_event(session, event("publish.completed", None)) == 1
    assert (await session.get(Publication, publication.id)).state == "processing"
    assert await apply_remote_event(session, event("publish.available", "7400000000000001")) == 1
    stored = await session.get(Publication, publication.id)
    assert (stored.state, stored.remote_post_id) == ("published", "7400000000000001")


async def test_creator_info_offers_what_the_account_allows(world):
    tiktok = await world.connect("tiktok", "chooser")
    world.sandbox.platform_control(
        "tiktok", "PUT", "/config", json={"stitch_disabled": True,
                                          "privacy_level_options": ["SELF_ONLY"]}
    )  # fmt: skip
    response = await world.api.get(
        f"/v1/accounts/{tiktok['id']}/creator-info", headers=world.headers
    )
    assert response.status_code == 200, response.text
    offered = response.json()
    assert offered["platform"] == "tiktok"
    assert offered["tiktok"]["privacy_level_options"] == ["SELF_ONLY"]
    assert offered["tiktok"]["stitch_disabled"] is True
    assert offered["tiktok"]["comment_disabled"] is False
    assert offered["tiktok"]["nickname"] == "Chooser"

    youtube = await world.connect("youtube", "chooser_yt")
    response = await world.api.get(
        f"/v1/accounts/{youtube['id']}/creator-info", headers=world.headers
    )
    assert response.status_code == 200, response.text
    categories = {c["id"]: c["title"] for c in response.json()["youtube"]["categories"]}
    assert categories["22"] == "People & Blogs"
    assert response.json()["youtube"]["made_for_kids_required"] is True


async def test_a_choice_the_creator_no_longer_allows_fails_with_its_reason(world):
    account = await world.connect("tiktok", "changed_mind")
    publication_id = await world.approve(account, "comments on")
    world.sandbox.platform_control("tiktok", "PUT", "/config", json={"comment_disabled": True})
    assert await world.run_until_final(publication_id) == ["failed"]
    failed = await world.publication(publication_id)
    assert "turned off comments" in failed["error"]


async def _with_cover(world, platform: str, offset_ms: int) -> bytes:
    """The clip's rendered variant for ``platform`` gets a cover image and its time."""
    variant = await world.session.scalar(
        select(Variant).where(
            Variant.clip_id == uuid.UUID(world.clip_id), Variant.platform == platform
        )
    )
    key = f"variants/{world.clip_id}/{platform}/cover.jpg"
    image = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
    target = world.sandbox.settings.media_dir / key
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(image)
    variant.cover_key = key
    variant.checks = {**variant.checks, "cover_offset_ms": offset_ms}
    await world.session.commit()
    return image


async def test_the_rendered_cover_goes_where_the_platform_takes_one(world):
    await _with_cover(world, "tiktok", 1234)
    image = await _with_cover(world, "youtube", 1234)
    tiktok = await world.connect("tiktok", "cover_tt")
    youtube = await world.connect("youtube", "cover_yt")
    tiktok_id = await world.approve(tiktok, "cover on tiktok")
    youtube_id = await world.approve(youtube, "cover on youtube")
    assert await world.run_until_final(tiktok_id) == ["published"]
    assert await world.run_until_final(youtube_id) == ["published"]

    stored = await world.session.get(Publication, uuid.UUID(tiktok_id), populate_existing=True)
    upload = world.sandbox.platform_control(
        "tiktok", "GET", f"/uploads/{stored.remote_upload_id}"
    ).json()
    assert upload["post_info"]["video_cover_timestamp_ms"] == 1234
    video_id = (await world.publication(youtube_id))["remote_post_id"]
    video = world.sandbox.platform_control("youtube", "GET", f"/videos/{video_id}").json()
    assert video["thumbnail_sha256"] == hashlib.sha256(image).hexdigest()


async def test_a_notice_publishes_a_scheduled_video_only_once_its_time_has_come(session, team):
    publication = await create_publication(
        session,
        team.accounts["youtube"],
        team.clip,
        state="scheduled",
        remote_upload_id="https://upload.example/session",
        remote_post_id="Ks-_Mh1QhMc",
        publish_at=utcnow() + timedelta(hours=1),
    )
    await session.flush()
    notice = WebhookEvent(
        platform="youtube", kind="publish.completed", key="k", remote_post_id="Ks-_Mh1QhMc"
    )
    await apply_remote_event(session, notice)
    assert (await session.get(Publication, publication.id)).state == "scheduled"
    publication.publish_at = utcnow() - timedelta(minutes=1)
    await apply_remote_event(session, notice)
    assert (await session.get(Publication, publication.id)).state == "published"
