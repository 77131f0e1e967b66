"""What the user decides for each TikTok Direct Post, and how creator info constrains it.

TikTok's content sharing guidelines make these the user's choices on every post, shown from
``creator_info/query``: the privacy level (from ``privacy_level_options``, no default), comments,
duet and stitch (greyed out where the creator disabled them), the commercial content disclosure
(your brand / branded content) and the AI-generated label. Nothing here has a default: a post
without them is refused, never filled in.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from backend.input_types import ExactTypes

PrivacyLevel = Literal[
    "PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"
]
# creator_info's flag for each interaction → the post_info field that must then be true.
INTERACTIONS = {
    "comment_disabled": ("disable_comment", "comments"),
    "duet_disabled": ("disable_duet", "duets"),
    "stitch_disabled": ("disable_stitch", "stitches"),
}


class TikTokChoices(ExactTypes):
    """A TikTok Direct Post's settings, chosen by the user from the account's creator info
    (``GET /v1/accounts/{id}/creator-info``). Drafts (`mode: draft`) need none: the creator
    picks them in the TikTok app."""

    model_config = ConfigDict(extra="forbid")

    privacy_level: PrivacyLevel = Field(description="One of the account's `privacy_level_options`.")
    disable_comment: bool = Field(description="Must be true if the creator disabled comments.")
    disable_duet: bool = Field(description="Must be true if the creator disabled duets.")
    disable_stitch: bool = Field(description="Must be true if the creator disabled stitches.")
    brand_content_toggle: bool = Field(
        description="Branded content: a paid partnership promoting a third party."
    )
    brand_organic_toggle: bool = Field(description="Your brand: promotes the creator's business.")
    is_aigc: bool = Field(description="Label the video as AI-generated content.")

    @model_validator(mode="after")
    def _branded_is_public(self) -> TikTokChoices:
        if self.brand_content_toggle and self.privacy_level == "SELF_ONLY":
            raise ValueError("TikTok does not allow branded content to be private (SELF_ONLY).")
        return self


def refusals(choices: dict[str, Any], creator: dict[str, Any]) -> list[str]:
    """Why creator info forbids these choices, in words; empty when it allows them."""
    problems: list[str] = []
    options = [str(option) for option in creator.get("privacy_level_options") or []]
    if choices.get("privacy_level") not in options:
        problems.append(
            f"This TikTok account does not offer the privacy level {choices.get('privacy_level')}"
            f"; it offers {', '.join(options) or 'none'}."
        )
    for flag, (field, words) in INTERACTIONS.items():
        if creator.get(flag) and not choices.get(field):
            problems.append(f"The creator turned off {words} in TikTok; set {field} to true.")
    return problems


def post_info(choices: dict[str, Any]) -> dict[str, Any]:
    """The chosen values as ``post_info`` fields (the title and cover are added by the client)."""
    parsed = TikTokChoices.model_validate(choices)
    return parsed.model_dump()


def creator_view(creator: dict[str, Any]) -> dict[str, Any]:
    """creator_info as the dashboard needs it to offer the choices."""
    return {
        "nickname": creator.get("creator_nickname"),
        "username": creator.get("creator_username"),
        "avatar_url": creator.get("creator_avatar_url"),
        "privacy_level_options": [str(o) for o in creator.get("privacy_level_options") or []],
        "comment_disabled": bool(creator.get("comment_disabled", False)),
        "duet_disabled": bool(creator.get("duet_disabled", False)),
        "stitch_disabled": bool(creator.get("stitch_disabled", False)),
        "max_video_post_duration_sec": creator.get("max_video_post_duration_sec"),
    }
