"""The campaign acceptance journey, in real processes: a new user with a clip connects a sandbox
account on each platform, makes a campaign with one slot per account a minute or two ahead (and
its TikTok/YouTube choices kept on it), previews the plan with its reasons, applies it, approves
the three posts, and sees each go out at its slot; planning again adds nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.e2e.publishing_stack import PublishingStack, publishing_stack
from tests.factories import POST_CHOICES
from tests.publishing.support import make_compliant_video

# The dispatcher looks for due posts every 5 s; the worker then uploads to the sandbox.
SENT_WITHIN = timedelta(seconds=30)


def _next_slot(now: datetime) -> datetime:
    """The first whole minute at least 75 s ahead (slots are HH:MM)."""
    return (now + timedelta(seconds=75 + 59)).replace(second=0, microsecond=0)


def _campaign(stack: PublishingStack, accounts: list[dict], slot: datetime) -> dict:
    day = slot.date().isoformat()
    body = {
        "name": "First campaign",
        "time_zone": "UTC",
        "starts_on": day,
        "ends_on": day,
        "min_gap_minutes": 0,
        "targets": [
            {"account_id": a["id"], "slots": [{"weekday": slot.weekday(), "time": f"{slot:%H:%M}"}]}
            for a in accounts
        ],
        "post_choices": POST_CHOICES,
    }
    created = stack.api.post("/v1/campaigns", json=body)
    assert created.status_code == 201, created.text
    assert created.json()["post_choices"]["tiktok"] == POST_CHOICES["tiktok"]
    return dict(created.json())


def _uploading_at(stack: PublishingStack, publication_id: str) -> datetime:
    items = stack.api.get(f"/v1/ledger?publication_id={publication_id}&limit=200").json()["items"]
    [event] = [e for e in items if e["type"] == "publication.uploading"][-1:]
    return datetime.fromisoformat(event["occurred_at"])


def test_a_campaign_is_planned_approved_and_sent_at_its_slots(scratch_database_url, tmp_path):
    with publishing_stack(scratch_database_url, None, tmp_path) as stack:
        api = stack.api
        stack.seed_clip(make_compliant_video(tmp_path / "compliant.mp4"))
        accounts = [
            stack.connect("instagram", "maria.reels"),
            stack.connect("tiktok", "maria_tok"),
            stack.connect("youtube", "MariaShorts"),
        ]
        slot = _next_slot(datetime.now(UTC))
        campaign = _campaign(stack, accounts, slot)
        url = f"/v1/campaigns/{campaign['id']}/plan"

        preview = api.post(url, json={"apply": False})
        assert preview.status_code == 200, preview.text
        picks = preview.json()["picks"]
        assert {p["account_id"] for p in picks} == {a["id"] for a in accounts}
        assert all(datetime.fromisoformat(p["slot_at"]) == slot for p in picks)
        assert all(p["reason"]["text"] for p in picks), picks

        applied = api.post(url, json={"apply": True})
        assert applied.status_code == 200, applied.text
        assert applied.json()["created"] == 3
        posts = api.get(f"/v1/campaigns/{campaign['id']}/posts").json()["items"]
        ids = [p["publication_id"] for p in posts]
        assert len(ids) == 3
        assert all(p["publication_state"] == "awaiting_approval" for p in posts)
        confirmed = api.post("/v1/confirm_publish", json={"publication_ids": ids})
        assert confirmed.status_code == 200, confirmed.text

        again = api.post(url, json={"apply": True})
        assert (again.json()["created"], again.json()["kept"], again.json()["picks"]) == (0, 3, [])
        assert len(api.get(f"/v1/campaigns/{campaign['id']}/posts").json()["items"]) == 3

        remaining = (slot - datetime.now(UTC)).total_seconds()
        for publication_id in ids:
            done = stack.wait_state(publication_id, timeout=remaining + 120)
            assert done["state"] == "published", done
            assert datetime.fromisoformat(done["publish_at"]) == slot
            uploading = _uploading_at(stack, publication_id)
            assert uploading <= slot + SENT_WITHIN, (done["platform"], uploading, slot)
            if done["platform"] != "youtube":  # YouTube holds an early private upload itself
                assert uploading >= slot - timedelta(seconds=1), (done["platform"], uploading)

        window = {"from": (slot - timedelta(hours=1)).isoformat(),
                  "to": (slot + timedelta(hours=1)).isoformat(),
                  "campaign_id": campaign["id"]}  # fmt: skip
        calendar = api.get("/v1/calendar", params=window)
        assert calendar.status_code == 200, calendar.text
        items = calendar.json()["items"]
        assert sorted(i["publication_id"] for i in items) == sorted(ids)
        assert {i["state"] for i in items} == {"published"}
        assert {i["platform"] for i in items} == {"instagram", "tiktok", "youtube"}
