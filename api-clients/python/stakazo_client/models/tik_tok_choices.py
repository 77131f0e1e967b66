from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..models.tik_tok_choices_privacy_level import TikTokChoicesPrivacyLevel

T = TypeVar("T", bound="TikTokChoices")


@_attrs_define
class TikTokChoices:
    """A TikTok Direct Post's settings, chosen by the user from the account's creator info
    (``GET /v1/accounts/{id}/creator-info``). Drafts (`mode: draft`) need none: the creator
    picks them in the TikTok app.

        Attributes:
            brand_content_toggle (bool): Branded content: a paid partnership promoting a third party.
            brand_organic_toggle (bool): Your brand: promotes the creator's business.
            disable_comment (bool): Must be true if the creator disabled comments.
            disable_duet (bool): Must be true if the creator disabled duets.
            disable_stitch (bool): Must be true if the creator disabled stitches.
            is_aigc (bool): Label the video as AI-generated content.
            privacy_level (TikTokChoicesPrivacyLevel): One of the account's `privacy_level_options`.
    """

    brand_content_toggle: bool
    brand_organic_toggle: bool
    disable_comment: bool
    disable_duet: bool
    disable_stitch: bool
    is_aigc: bool
    privacy_level: TikTokChoicesPrivacyLevel

    def to_dict(self) -> dict[str, Any]:
        brand_content_toggle = self.brand_content_toggle

        brand_organic_toggle = self.brand_organic_toggle

        disable_comment = self.disable_comment

        disable_duet = self.disable_duet

        disable_stitch = self.disable_stitch

        is_aigc = self.is_aigc

        privacy_level = self.privacy_level.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "brand_content_toggle": brand_content_toggle,
                "brand_organic_toggle": brand_organic_toggle,
                "disable_comment": disable_comment,
                "disable_duet": disable_duet,
                "disable_stitch": disable_stitch,
                "is_aigc": is_aigc,
                "privacy_level": privacy_level,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        brand_content_toggle = d.pop("brand_content_toggle")

        brand_organic_toggle = d.pop("brand_organic_toggle")

        disable_comment = d.pop("disable_comment")

        disable_duet = d.pop("disable_duet")

        disable_stitch = d.pop("disable_stitch")

        is_aigc = d.pop("is_aigc")

        privacy_level = TikTokChoicesPrivacyLevel(d.pop("privacy_level"))

        tik_tok_choices = cls(
            brand_content_toggle=brand_content_toggle,
            brand_organic_toggle=brand_organic_toggle,
            disable_comment=disable_comment,
            disable_duet=disable_duet,
            disable_stitch=disable_stitch,
            is_aigc=is_aigc,
            privacy_level=privacy_level,
        )

        return tik_tok_choices
