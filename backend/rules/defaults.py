"""The first platform rules and scoring weights, from the platforms' published specs.

Each platform package holds its own (``backend/platforms/<name>/rules.py``); these tables gather
them. Revision 0002 seeds exactly these values, and `stakazo clip` (no database) uses them. Never
edit them in place: a change is a new version row (a migration, or an admin approving one).
"""

from __future__ import annotations

from typing import Any

from backend.platforms import registry

PLATFORM_RULES_V1: dict[str, dict[str, Any]] = {
    plugin.name: dict(plugin.render_rules_v1) for plugin in registry.plugins()
}
SCORING_WEIGHTS_V1: dict[str, dict[str, float]] = {
    plugin.name: dict(plugin.scoring_weights_v1) for plugin in registry.plugins()
}
