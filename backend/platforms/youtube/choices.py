"""What the user decides for each YouTube upload: the audience declaration (made for kids, a
legal statement under COPPA that only the uploader may make), tags and category."""

from __future__ import annotations

from pydantic import ConfigDict, Field, field_validator

from backend.input_types import ExactTypes

# The categories YouTube lets uploads be assigned to (videoCategories.list, assignable: true,
# region US). "22" is the one YouTube Studio preselects.
CATEGORIES: dict[str, str] = {
    "1": "Film & Animation",
    "2": "Autos & Vehicles",
    "10": "Music",
    "15": "Pets & Animals",
    "17": "Sports",
    "19": "Travel & Events",
    "20": "Gaming",
    "22": "People & Blogs",
    "23": "Comedy",
    "24": "Entertainment",
    "25": "News & Politics",
    "26": "Howto & Style",
    "27": "Education",
    "28": "Science & Technology",
    "29": "Nonprofits & Activism",
}
DEFAULT_CATEGORY_ID = "22"
# snippet.tags: 500 characters in all, a tag with a space counting its quotes, commas between.
TAGS_MAX_CHARS = 500


class YouTubeChoices(ExactTypes):
    """A YouTube upload's settings. `made_for_kids` has no default: it is the uploader's legal
    declaration and must be asked."""

    model_config = ConfigDict(extra="forbid")

    made_for_kids: bool = Field(description="status.selfDeclaredMadeForKids.")
    tags: list[str] = Field(default_factory=list, description="snippet.tags (500 characters).")
    category_id: str = Field(
        default=DEFAULT_CATEGORY_ID,
        description="snippet.categoryId; `22` (People & Blogs) is what YouTube preselects.",
    )

    @field_validator("category_id")
    @classmethod
    def _known_category(cls, value: str) -> str:
        if value not in CATEGORIES:
            raise ValueError(f"category_id must be one of {', '.join(CATEGORIES)}")
        return value

    @field_validator("tags")
    @classmethod
    def _tags_fit(cls, tags: list[str]) -> list[str]:
        cleaned = [tag.strip() for tag in tags if tag.strip()]
        if any(mark in tag for tag in cleaned for mark in "<>,"):
            raise ValueError("YouTube tags may not contain <, > or commas")
        size = sum(len(tag) + (2 if " " in tag else 0) for tag in cleaned)
        if size + max(len(cleaned) - 1, 0) > TAGS_MAX_CHARS:
            raise ValueError(f"YouTube tags hold {TAGS_MAX_CHARS} characters in all")
        return cleaned


def creator_view() -> dict[str, object]:
    """What the dashboard offers for a YouTube upload: the fixed, documented category list."""
    return {
        "categories": [{"id": key, "title": title} for key, title in CATEGORIES.items()],
        "default_category_id": DEFAULT_CATEGORY_ID,
        "made_for_kids_required": True,
    }
