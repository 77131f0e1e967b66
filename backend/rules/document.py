"""A stored rules version read in full: keys that version 1 predates come from the platform's
plugin, so the active version of every platform always validates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from backend.errors import InvalidInput
from backend.platforms import registry
from backend.rules.schemas import PlatformRulesDoc


class InvalidRules(InvalidInput):
    code = "invalid_rules"
    default_message = "The proposed rules are not valid."


def plugin_defaults(platform: str) -> dict[str, Any]:
    plugin = registry.plugin(platform)
    return {**plugin.render_rules_v1, **plugin.posting_rules}


def full_rules(platform: str, stored: Mapping[str, Any]) -> PlatformRulesDoc:
    return PlatformRulesDoc.model_validate({**plugin_defaults(platform), **stored})


def _words(error: ValidationError) -> str:
    parts = []
    for problem in error.errors():
        where = ".".join(str(step) for step in problem["loc"])
        message = problem["msg"].removeprefix("Value error, ")
        if problem["type"] == "extra_forbidden":
            message = "is not a rule Stakazo knows"
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def proposed_rules(
    platform: str, active: Mapping[str, Any], changes: Mapping[str, Any]
) -> dict[str, Any]:
    """The active version with ``changes`` over it, checked; raises InvalidRules in words."""
    try:
        document = full_rules(platform, {**active, **changes})
    except ValidationError as error:
        raise InvalidRules(
            f"The proposed {platform} rules are not valid: {_words(error)}."
        ) from None
    return document.model_dump(mode="json")


def changed_keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[str]:
    return sorted(key for key in set(before) | set(after) if before.get(key) != after.get(key))
