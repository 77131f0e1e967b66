"""docker-compose.yml, the dev container and the Dockerfile agree with the code.

No Docker engine is needed: the files are parsed and checked against the CLI (``stakazo``
subcommands) and the settings (``STAKAZO_*`` names), so a renamed subcommand or setting breaks
this test instead of a deployment.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import shlex
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml  # type: ignore[import-untyped]  # no types-PyYAML in the dev extra

from backend.cli import build_parser
from backend.config import Settings
from backend.debug.endpoints import probes as debug_router

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
DEVCONTAINER = ROOT / ".devcontainer" / "devcontainer.json"
DEV_COMPOSE = ROOT / ".devcontainer" / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"

PROGRAM = "stakazo"
ONE_SHOT_SUBCOMMAND = "migrate"
HEALTH_URL = re.compile(r"http://127\.0\.0\.1:8000(/[\w/.-]*)")


# --- what the code offers ------------------------------------------------------------------


def cli_subcommands() -> set[str]:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    raise AssertionError("the stakazo parser has no subcommands")


def settings_env_names() -> set[str]:
    prefix = str(Settings.model_config.get("env_prefix", ""))
    return {f"{prefix}{name}".upper() for name in Settings.model_fields}


# --- reading compose services --------------------------------------------------------------


def load_yaml(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text())
    assert isinstance(data, dict), f"{path} is not a mapping"
    return data


def command_words(service: dict[str, Any]) -> list[str]:
    command = service.get("command")
    if command is None:
        return []
    return shlex.split(command) if isinstance(command, str) else [str(w) for w in command]


def env_names(service: dict[str, Any]) -> set[str]:
    environment = service.get("environment") or {}
    if isinstance(environment, dict):
        return set(environment)
    return {entry.split("=", 1)[0] for entry in environment}


def depends_on(service: dict[str, Any]) -> dict[str, str]:
    """Dependency name -> condition (``service_started`` for the short list syntax)."""
    deps = service.get("depends_on") or {}
    if isinstance(deps, list):
        return dict.fromkeys(deps, "service_started")
    return {name: (spec or {}).get("condition", "service_started") for name, spec in deps.items()}


def named_volumes(service: dict[str, Any]) -> set[str]:
    names = set()
    for volume in service.get("volumes") or []:
        if isinstance(volume, dict):
            source = volume.get("source") if volume.get("type", "volume") == "volume" else None
        else:
            parts = str(volume).split(":")
            source = parts[0] if len(parts) > 1 else None
        if source and not source.startswith(("/", ".", "~", "$")):
            names.add(source)
    return names


def has_healthcheck(service: dict[str, Any]) -> bool:
    check = service.get("healthcheck")
    if not check or check.get("disable"):
        return False
    return check.get("test") not in (None, ["NONE"], "NONE")


def is_one_shot(service: dict[str, Any]) -> bool:
    return command_words(service)[:2] == [PROGRAM, ONE_SHOT_SUBCOMMAND]


# --- the validator -------------------------------------------------------------------------


def compose_problems(
    compose: dict[str, Any],
    subcommands: set[str],
    known_env: set[str],
    no_healthcheck_needed: frozenset[str] = frozenset(),
) -> list[str]:
    """Everything wrong with a parsed compose file, one sentence each (empty when fine)."""
    problems: list[str] = []
    services: dict[str, dict[str, Any]] = compose.get("services") or {}
    declared_volumes = set(compose.get("volumes") or {})
    if not services:
        problems.append("no services")

    for name, service in services.items():
        words = command_words(service)
        if "build" in service:
            if len(words) < 2 or words[0] != PROGRAM:
                problems.append(f"{name}: command {words} does not run `{PROGRAM} <subcommand>`")
            elif words[1] not in subcommands:
                problems.append(f"{name}: `{PROGRAM} {words[1]}` is not a CLI subcommand")

        for var in sorted(env_names(service)):
            if var.startswith("STAKAZO_") and var.upper() not in known_env:
                problems.append(f"{name}: {var} is not a Settings field")

        one_shot = "build" in service and is_one_shot(service)
        if not has_healthcheck(service) and not one_shot and name not in no_healthcheck_needed:
            problems.append(f"{name}: no healthcheck")
        if one_shot and service.get("restart", "no") != "no":
            problems.append(f"{name}: a one-shot service must not restart")

        for dep, condition in depends_on(service).items():
            if dep not in services:
                problems.append(f"{name}: depends on unknown service {dep}")
            elif is_one_shot(services[dep]) and condition != "service_completed_successfully":
                problems.append(f"{name}: must wait for {dep} to complete successfully")

        for volume in sorted(named_volumes(service) - declared_volumes):
            problems.append(f"{name}: volume {volume} is not declared")
    return problems


def dockerfile_instruction(text: str, keyword: str) -> str | None:
    """The arguments of the last ``keyword`` instruction (continuation lines joined)."""
    joined = re.sub(r"\\\n\s*", " ", text)
    found = None
    for line in joined.splitlines():
        parts = line.strip().split(None, 1)
        if len(parts) == 2 and parts[0].upper() == keyword:
            found = parts[1]
    return found


def dockerfile_problems(text: str, subcommands: set[str]) -> list[str]:
    cmd = dockerfile_instruction(text, "CMD")
    if cmd is None:
        return ["Dockerfile: no CMD"]
    words = json.loads(cmd) if cmd.startswith("[") else shlex.split(cmd)
    if len(words) < 2 or words[0] != PROGRAM:
        return [f"Dockerfile: CMD {words} does not run `{PROGRAM} <subcommand>`"]
    if words[1] not in subcommands:
        return [f"Dockerfile: `{PROGRAM} {words[1]}` is not a CLI subcommand"]
    return []


# --- the real files ------------------------------------------------------------------------


def test_compose_file_is_consistent() -> None:
    assert compose_problems(load_yaml(COMPOSE), cli_subcommands(), settings_env_names()) == []


def test_compose_runs_each_process_once() -> None:
    services = load_yaml(COMPOSE)["services"]
    subcommands = {command_words(s)[1] for s in services.values() if "build" in s}
    assert subcommands == {"migrate", "api", "worker", "beat"}


def test_devcontainer_compose_is_consistent() -> None:
    workspace = json.loads(DEVCONTAINER.read_text())["service"]
    problems = compose_problems(
        load_yaml(DEV_COMPOSE),
        cli_subcommands(),
        settings_env_names(),
        no_healthcheck_needed=frozenset({workspace}),
    )
    assert problems == []


def test_devcontainer_points_at_its_services() -> None:
    devcontainer = json.loads(DEVCONTAINER.read_text())
    services = load_yaml(DEV_COMPOSE)["services"]
    assert (DEVCONTAINER.parent / devcontainer["dockerComposeFile"]).resolve() == DEV_COMPOSE
    assert devcontainer["service"] in services
    for var in ("STAKAZO_TEST_DATABASE_URL", "STAKAZO_TEST_REDIS_URL"):
        host = urlsplit(devcontainer["containerEnv"][var]).hostname
        assert host in services, f"{var} points at {host}, not a service"


def test_dockerfile_cmd_is_a_subcommand() -> None:
    assert dockerfile_problems(DOCKERFILE.read_text(), cli_subcommands()) == []


def test_health_checks_probe_an_existing_route() -> None:
    routes = {getattr(route, "path", None) for route in debug_router.routes}
    probed = HEALTH_URL.findall(DOCKERFILE.read_text() + COMPOSE.read_text())
    assert probed
    assert set(probed) <= routes


# --- the validator catches mistakes --------------------------------------------------------

VALID: dict[str, Any] = {
    "services": {
        "db": {"image": "postgres:16", "healthcheck": {"test": ["CMD", "pg_isready"]}},
        "migrate": {
            "build": ".",
            "command": ["stakazo", "migrate"],
            "environment": {"STAKAZO_DATABASE_URL": "postgresql+asyncpg://db/x"},
            "depends_on": {"db": {"condition": "service_healthy"}},
        },
        "api": {
            "build": ".",
            "command": "stakazo api --host 0.0.0.0",
            "environment": ["STAKAZO_ENV=production"],
            "healthcheck": {"test": ["CMD", "true"]},
            "volumes": ["media:/data", "./local:/src"],
            "depends_on": {"migrate": {"condition": "service_completed_successfully"}},
        },
    },
    "volumes": {"media": None},
}


def _broken(path: str, value: Any) -> dict[str, Any]:
    compose = copy.deepcopy(VALID)
    *parents, last = path.split(".")
    target = compose
    for key in parents:
        target = target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return compose


def test_the_valid_example_passes() -> None:
    assert compose_problems(VALID, cli_subcommands(), settings_env_names()) == []


@pytest.mark.parametrize(
    ("compose", "expected"),
    [
        (_broken("services.api.command", ["stakazo", "serve"]), "`stakazo serve` is not a CLI"),
        (_broken("services.api.command", "uvicorn backend.app:app"), "does not run `stakazo"),
        (_broken("services.api.command", None), "does not run `stakazo"),
        (_broken("services.api.environment", ["STAKAZO_DB_URL=x"]), "STAKAZO_DB_URL is not a"),
        (_broken("services.api.healthcheck", None), "api: no healthcheck"),
        (_broken("services.api.healthcheck", {"disable": True}), "api: no healthcheck"),
        (_broken("services.db.healthcheck", None), "db: no healthcheck"),
        (_broken("services.migrate.restart", "unless-stopped"), "must not restart"),
        (_broken("services.api.depends_on", ["cache"]), "unknown service cache"),
        (_broken("services.api.depends_on", ["migrate"]), "wait for migrate to complete"),
        (_broken("services.api.volumes", ["uploads:/data"]), "volume uploads is not declared"),
        (_broken("volumes", None), "volume media is not declared"),
    ],
)
def test_the_validator_reports(compose: dict[str, Any], expected: str) -> None:
    problems = compose_problems(compose, cli_subcommands(), settings_env_names())
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(
    ("dockerfile", "expected"),
    [
        ('FROM python:3.11-slim\nCMD ["stakazo", "serve"]\n', "`stakazo serve` is not a CLI"),
        ("FROM python:3.11-slim\nCMD uvicorn backend.app:app\n", "does not run `stakazo"),
        ("FROM python:3.11-slim\n", "no CMD"),
    ],
)
def test_the_dockerfile_check_reports(dockerfile: str, expected: str) -> None:
    problems = dockerfile_problems(dockerfile, cli_subcommands())
    assert any(expected in problem for problem in problems), problems


def test_the_dockerfile_check_reads_continued_lines() -> None:
    text = 'FROM x\nCMD ["stakazo", \\\n     "worker"]\n'
    assert dockerfile_problems(text, cli_subcommands()) == []


def test_compose_environment_passes_production_validation(monkeypatch) -> None:
    """The variables compose asks for are exactly enough for production's checks."""
    from cryptography.fernet import Fernet

    required = re.compile(r"^\$\{(STAKAZO_\w+):[?-]([^}]*)\}$")
    environment = load_yaml(COMPOSE)["x-app-env"]
    assert environment["STAKAZO_ENV"] == "production"
    for name in list(os.environ):
        if name.startswith("STAKAZO_"):
            monkeypatch.delenv(name)
    for name, value in environment.items():
        match = required.match(str(value))
        if match is None:
            monkeypatch.setenv(name, str(value))
        elif name == "STAKAZO_TOKEN_ENCRYPTION_KEYS":
            monkeypatch.setenv(name, json.dumps([Fernet.generate_key().decode()]))
        elif str(value).startswith(f"${{{name}:-"):
            monkeypatch.setenv(name, match[2])
        else:
            monkeypatch.setenv(name, f"operator-chosen-{name.lower()}-0123456789abcdef")
    settings = Settings(_env_file=None)
    assert settings.is_production
    assert not settings.uses_sandbox
