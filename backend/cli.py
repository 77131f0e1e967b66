"""The ``stakazo`` command: run everything, or one process at a time, and admin chores."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import ipaddress
import json
import os
import sys
from pathlib import Path
from typing import Any

import structlog

from backend.config import Settings, get_settings
from backend.iam.permissions import ROLE_NAMES
from backend.logging import configure_logging
from backend.metrics.multiprocess import use_folder as use_metrics_folder
from backend.platforms.base import PLATFORMS
from backend.supervisor import Supervisor, child_command
from core.caption_presets import BRAND, DEFAULT_PRESET, PRESET_NAMES
from core.keyfiles import private_dir


def _migrate(settings: Settings) -> None:
    from alembic import command
    from alembic.config import Config

    # Built in code rather than read from alembic.ini, which an installed package does not carry.
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parent / "migrations"))
    config.attributes["database_url"] = settings.database_url
    command.upgrade(config, "head")
    from backend.admin import seal_legacy_ledger

    # A migration never holds the ledger key, so the events from before per-workspace chains (and
    # before ledger MACs) are sealed here.
    sealed = asyncio.run(seal_legacy_ledger(settings))
    if sealed:
        print(f"sealed {sealed} ledger events recorded before per-workspace chains")


def cmd_migrate(_: argparse.Namespace) -> int:
    _migrate(get_settings())
    print("database is at the latest schema")
    return 0


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to anything
        return False


def warn_if_exposed(settings: Settings, host: str) -> bool:
    """Say so, loudly, when the API listens beyond this machine without production's checks."""
    if settings.is_production or is_loopback(host):
        return False
    detail = (
        f"The API listens on {host}, beyond this machine, but STAKAZO_ENV is {settings.env}: "
        "the sandbox and development defaults are on. Set STAKAZO_ENV=production (with its "
        "required settings) or listen on 127.0.0.1."
    )
    structlog.get_logger(__name__).warning("api.exposed_without_production", host=host)
    print(f"WARNING: {detail}", file=sys.stderr, flush=True)
    return True


# uvicorn's "auto" picks its legacy websockets protocol, which holds about twice the memory per
# open connection; and per-message deflate keeps a zlib compressor and decompressor for each
# connection (45 of its 70 KB) and compresses every event once per subscriber, where events are
# small JSON. The event stream keeps thousands of connections open (bench/telemetry.py).
WEBSOCKET_IMPLEMENTATION = "websockets-sansio"
WEBSOCKET_OPTIONS: dict[str, Any] = {
    "ws": WEBSOCKET_IMPLEMENTATION,
    "ws_per_message_deflate": False,
}


def cmd_api(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    host = args.host or settings.api_host
    warn_if_exposed(settings, host)
    # Before uvicorn imports the app (and the app prometheus_client). Started alone, the API is
    # the first process of its deployment and empties the folder; under `stakazo run`, not.
    use_metrics_folder(settings, fresh=True)
    uvicorn.run(
        "backend.app:create_app",
        factory=True,
        host=host,
        port=args.port or settings.api_port,
        proxy_headers=settings.proxy_hops > 0,
        log_config=None,
        **WEBSOCKET_OPTIONS,
    )
    return 0


def _celery(argv: list[str]) -> int:
    # Before the Celery app (and the tasks, and prometheus_client) is imported. Never emptied
    # here: the API's processes may be writing there already.
    use_metrics_folder(get_settings(), fresh=False)
    from workers import celery_app as celery_module

    celery_module.process_name = argv[0]
    celery_module.celery_app.start(argv=argv)
    return 0


# Every queue but media: short tasks (publishing, webhooks, subscriptions, the AI health check).
QUICK_QUEUES = "publish,ai,default"


def cmd_worker(args: argparse.Namespace) -> int:
    argv = ["worker", "--loglevel", get_settings().log_level, "-Q", args.queues]
    if args.concurrency:
        argv += ["--concurrency", str(args.concurrency)]
    if args.name:
        argv += ["--hostname", args.name]
    return _celery(argv)


def cmd_beat(_: argparse.Namespace) -> int:
    schedule = Path("var/celerybeat-schedule")
    private_dir(schedule.parent, tighten=True)
    return _celery(["beat", "--loglevel", get_settings().log_level, "-s", str(schedule)])


def cmd_run(args: argparse.Namespace) -> int:
    settings = get_settings()
    # Emptied once, before anything here or in a child writes; the children inherit the folder
    # and leave it be.
    use_metrics_folder(settings, fresh=True)
    _migrate(settings)
    warn_if_exposed(settings, settings.api_host)
    supervisor = Supervisor()
    supervisor.add("api", child_command("api"))
    # Media work keeps its processes busy for minutes; publishing, webhooks and the rest are
    # short and must not queue behind it, so they get a worker of their own.
    supervisor.add(
        "worker",
        # Node names tell the two workers apart (their heartbeats are keyed by them).
        child_command(
            "worker", "--queues", QUICK_QUEUES, "--concurrency", "2", "--name", "quick@%h"
        ),
    )
    supervisor.add(
        "media-worker",
        child_command(
            "worker",
            "--queues",
            "media",
            "--concurrency",
            str(args.concurrency),
            "--name",
            "media@%h",
        ),
    )
    supervisor.add("beat", child_command("beat"))
    base = f"http://{settings.api_host}:{settings.api_port}"
    built = (settings.dashboard_dir / "index.html").is_file()
    print(
        f"Stakazo is starting: open {base}/ (the dashboard{'' if built else ', not built yet'}); "
        f"the API's reference is {base}/docs  (Ctrl-C stops)"
    )
    return supervisor.run()


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    from_env = os.environ.get("STAKAZO_NEW_USER_PASSWORD")
    if from_env:
        return from_env
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise SystemExit("The two passwords differ.")
    return first


def cmd_user_create(args: argparse.Namespace) -> int:
    from backend.admin import create_user_with_role
    from backend.auth.password_policy import WeakPassword, check

    settings = get_settings()
    password = _read_password(args)
    try:
        check(password, args.email)
    except WeakPassword as error:
        raise SystemExit(error.message) from error
    _migrate(settings)
    summary = asyncio.run(
        create_user_with_role(
            settings,
            email=args.email,
            password=password,
            role=args.role,
            name=args.name,
            workspace_name=args.workspace,
        )
    )
    print(summary)
    return 0


def cmd_clip(args: argparse.Namespace) -> int:
    from workers.clip_cli import run_clip_command

    settings = get_settings()
    # The progress bar is the interface here; only problems are worth a log line.
    configure_logging(json=False, level="WARNING")
    source = Path(args.input)
    if not source.is_file():
        raise SystemExit(f"{source}: no such file")
    return run_clip_command(
        source,
        Path(args.out),
        args.platform or list(PLATFORMS),
        args.top or settings.clip_top_n,
        args.captions,
        settings,
        caption_preset=args.caption_preset,
    )


def cmd_sandbox(args: argparse.Namespace) -> int:
    import uvicorn

    from sandbox.app import create_sandbox_app

    settings = get_settings()
    print(f"Platform sandbox on http://{args.host}:{args.port} (set STAKAZO_SANDBOX_URL to it)")
    uvicorn.run(create_sandbox_app(settings), host=args.host, port=args.port, log_config=None)
    return 0


def cmd_accounts_rotate_keys(_: argparse.Namespace) -> int:
    from backend.admin import rotate_token_keys

    count = asyncio.run(rotate_token_keys(get_settings()))
    print(f"re-encrypted the tokens of {count} accounts under the newest key")
    return 0


def cmd_events(args: argparse.Namespace) -> int:
    from backend.events.watch import main as watch

    settings = get_settings()
    token = (
        sys.stdin.readline().strip() if args.token_stdin else os.environ.get("STAKAZO_ACCESS_TOKEN")
    )
    if not token:
        raise SystemExit("Give an access token in STAKAZO_ACCESS_TOKEN or with --token-stdin.")
    base = args.url or f"http://{settings.api_host}:{settings.api_port}"
    return watch(base, token, args.workspace, args.last_event_id)


def cmd_ledger_verify(_: argparse.Namespace) -> int:
    from backend.admin import verify_ledger
    from workers.clip_cli import ProgressBar

    configure_logging(json=False, level="WARNING")
    bar = ProgressBar()
    bar.stage("verifying the ledger")

    async def progress(checked: int, total: int) -> None:
        bar.update(checked / total if total else 1.0)

    report = asyncio.run(verify_ledger(get_settings(), progress))
    bar.done()
    for chain in report.chains:
        if chain.intact:
            print(
                f"{chain.chain}: {chain.events_checked} events, head {chain.head_sequence} "
                f"{chain.head_hash}"
            )
        else:
            print(f"{chain.chain}: BROKEN at {chain.first_broken_sequence}: {chain.problem}")
    verdict = "intact" if report.intact else f"BROKEN in {len(report.broken)} chains"
    print(f"ledger {verdict}: {report.events_checked} events in {len(report.chains)} chains")
    return 0 if report.intact else 1


def cmd_openapi(_: argparse.Namespace) -> int:
    from backend.app import create_app
    from backend.openapi import client_schema

    print(json.dumps(client_schema(create_app().openapi()), indent=2, sort_keys=True))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stakazo", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="migrate, then API + worker + beat in one terminal")
    run.add_argument("--concurrency", type=int, default=2, help="media worker processes")
    run.set_defaults(func=cmd_run)
    api = sub.add_parser("api", help="the HTTP API")
    api.add_argument("--host")
    api.add_argument("--port", type=int)
    api.set_defaults(func=cmd_api)
    worker = sub.add_parser("worker", help="a Celery worker")
    worker.add_argument("--queues", default="media,publish,ai,default")
    worker.add_argument("--concurrency", type=int)
    worker.add_argument("--name", help="the node name, e.g. media@%%h (default celery@<host>)")
    worker.set_defaults(func=cmd_worker)
    sub.add_parser("beat", help="the periodic task scheduler").set_defaults(func=cmd_beat)
    sub.add_parser("migrate", help="upgrade the database schema").set_defaults(func=cmd_migrate)
    sub.add_parser("openapi", help="print the OpenAPI schema").set_defaults(func=cmd_openapi)
    sandbox = sub.add_parser("sandbox", help="the Instagram / TikTok / YouTube emulators alone")
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int, default=8100)
    sandbox.set_defaults(func=cmd_sandbox)
    accounts = sub.add_parser("accounts", help="connected platform accounts").add_subparsers(
        dest="action", required=True
    )
    accounts.add_parser(
        "rotate-keys", help="re-encrypt stored tokens under the newest encryption key"
    ).set_defaults(func=cmd_accounts_rotate_keys)
    clip = sub.add_parser("clip", help="find and render the best clips of a local video")
    clip.add_argument("input", help="the video file")
    clip.add_argument("--out", required=True, help="folder for the clips, variants, clips.json")
    clip.add_argument(
        "--platform",
        action="append",
        choices=PLATFORMS,
        help="render for this platform (repeatable; default: all three)",
    )
    clip.add_argument("--top", type=int, help="how many clips (default: STAKAZO_CLIP_TOP_N)")
    clip.add_argument(
        "--captions",
        nargs="?",
        const="auto",
        choices=("auto", "always"),
        help="burn in captions; with only the offline speech engine they stay off (it misses "
        "too many words) unless given as --captions=always",
    )
    clip.add_argument(
        "--caption-preset",
        choices=[name for name in PRESET_NAMES if name != BRAND],
        help=f"how captions look (default: {DEFAULT_PRESET})",
    )
    clip.set_defaults(func=cmd_clip)
    events = sub.add_parser("events", help="print a workspace's events as they happen")
    events.add_argument("--workspace", required=True, help="the workspace id")
    events.add_argument("--url", help="the API (default: http://STAKAZO_API_HOST:STAKAZO_API_PORT)")
    events.add_argument("--last-event-id", help="start after this event (what was missed first)")
    events.add_argument(
        "--token-stdin",
        action="store_true",
        help="read the access token from stdin (default: STAKAZO_ACCESS_TOKEN)",
    )
    events.set_defaults(func=cmd_events)
    ledger = sub.add_parser("ledger", help="the audit trail").add_subparsers(
        dest="action", required=True
    )
    ledger.add_parser(
        "verify", help="verify every ledger chain (system, legacy, each workspace's)"
    ).set_defaults(func=cmd_ledger_verify)
    user = sub.add_parser("user", help="manage accounts").add_subparsers(
        dest="action", required=True
    )
    create = user.add_parser("create", help="create an account with a role in a workspace")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=ROLE_NAMES)
    create.add_argument("--name", default="")
    create.add_argument("--workspace", help="workspace name (default: the first workspace)")
    create.add_argument(
        "--password-stdin", action="store_true", help="read the password from stdin"
    )
    create.set_defaults(func=cmd_user_create)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Databases, media, broker messages and keys are the service's alone: every file a stakazo
    # process creates is 0600 and every folder 0700, whatever the caller's umask.
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
