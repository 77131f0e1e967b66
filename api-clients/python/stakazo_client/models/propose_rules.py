from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.propose_rules_platform import ProposeRulesPlatform

if TYPE_CHECKING:
    from ..models.propose_rules_rules import ProposeRulesRules


T = TypeVar("T", bound="ProposeRules")


@_attrs_define
class ProposeRules:
    """
    Attributes:
        note (str): Why the change is needed.
        platform (ProposeRulesPlatform):
        rules (ProposeRulesRules): The keys to change; the rest is taken from the active version.
    """

    note: str
    platform: ProposeRulesPlatform
    rules: ProposeRulesRules

    def to_dict(self) -> dict[str, Any]:
        note = self.note

        platform = self.platform.value

        rules = self.rules.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "note": note,
                "platform": platform,
                "rules": rules,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.propose_rules_rules import ProposeRulesRules  # noqa: PLC0415

        d = dict(src_dict)
        note = d.pop("note")

        platform = ProposeRulesPlatform(d.pop("platform"))

        rules = ProposeRulesRules.from_dict(d.pop("rules"))

        propose_rules = cls(
            note=note,
            platform=platform,
            rules=rules,
        )

        return propose_rules
