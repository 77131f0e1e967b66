"""Platforms are plugins: outside its own package, no code branches on a platform's name.

Every module outside ``backend/platforms/<name>/`` and ``sandbox/`` (and outside tests and
migrations) is parsed, and a comparison, a ``match`` case or a dict key holding "instagram",
"tiktok" or "youtube" fails the build. Such a branch is platform knowledge in the wrong place: it
belongs in the platform's plugin, reached through ``registry.plugin(name)``.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from backend.platforms import registry
from backend.platforms.base import PLATFORMS

ROOT = Path(__file__).resolve().parents[1]
NAMES = frozenset(PLATFORMS)
SKIPPED_DIRS = frozenset(
    {".git", ".venv", "node_modules", "tests", "sandbox", "api-clients", "dashboard"}
)
SKIPPED_PATHS = (Path("backend/migrations"), *(Path("backend/platforms", n) for n in PLATFORMS))


def _modules(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if SKIPPED_DIRS.intersection(relative.parts[:-1]):
            continue
        if any(relative.is_relative_to(skipped) for skipped in SKIPPED_PATHS):
            continue
        yield path


def _names_in(node: ast.AST) -> set[str]:
    """The platform names ``node`` is, or holds as a tuple, list or set literal."""
    if isinstance(node, ast.Constant) and node.value in NAMES:
        return {node.value}
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return {name for element in node.elts for name in _names_in(element)}
    return set()


def _branches(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                for name in _names_in(operand):
                    yield node.lineno, f"compares with {name!r}"
        elif isinstance(node, ast.MatchValue):
            for name in _names_in(node.value):
                yield node.lineno, f"matches case {name!r}"
        elif isinstance(node, ast.Dict):
            for key in node.keys:
                for name in _names_in(key) if key is not None else ():
                    yield key.lineno, f"dispatches on dict key {name!r}"


def platform_branches(root: Path) -> list[str]:
    """``path:line: what`` for every branch on a platform name outside the platform packages."""
    found = []
    for path in _modules(root):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, what in sorted(_branches(tree)):
            found.append(f"{path.relative_to(root)}:{line}: {what}")
    return found


def test_no_code_outside_the_platform_packages_branches_on_a_platform_name():
    assert platform_branches(ROOT) == []


def test_the_check_sees_each_kind_of_branch(tmp_path):
    (tmp_path / "backend" / "publishing").mkdir(parents=True)
    (tmp_path / "backend" / "publishing" / "rules.py").write_text(
        "def limit(platform, mode):\n"
        "    if platform == 'youtube':\n"
        "        return 1\n"
        "    if mode == 'direct' and platform in ('tiktok',):\n"
        "        return 2\n"
        "    match platform:\n"
        "        case 'instagram':\n"
        "            return 3\n"
        "    return {'tiktok': 4}[platform]\n"
    )
    (tmp_path / "backend" / "platforms" / "youtube").mkdir(parents=True)
    (tmp_path / "backend" / "platforms" / "youtube" / "own.py").write_text(
        "OWN = 'youtube' == 'youtube'\n"
    )
    (tmp_path / "sandbox").mkdir()
    (tmp_path / "sandbox" / "fake.py").write_text("FAKE = {'tiktok': 1}\n")

    assert platform_branches(tmp_path) == [
        "backend/publishing/rules.py:2: compares with 'youtube'",
        "backend/publishing/rules.py:4: compares with 'tiktok'",
        "backend/publishing/rules.py:7: matches case 'instagram'",
        "backend/publishing/rules.py:9: dispatches on dict key 'tiktok'",
    ]


def test_every_platform_has_exactly_one_plugin():
    assert tuple(plugin.name for plugin in registry.plugins()) == PLATFORMS
    assert [registry.plugin(name).name for name in PLATFORMS] == list(PLATFORMS)
