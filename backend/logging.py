"""structlog set-up shared by every process: dotted event names, secrets masked, request ids."""

from __future__ import annotations

import logging
import random
import re
import sys
from collections.abc import Mapping, MutableMapping
from functools import lru_cache
from typing import Any

import structlog
from pydantic import SecretStr
from structlog.types import EventDict, Processor

MASK = "***"
_SECRET_KEY = re.compile(
    r"pass(word)?|secret|token|authori[sz]ation|api[_-]?key|cookie|credential|signature|private",
    re.IGNORECASE,
)
# Bearer tokens and "key=value" secrets that end up inside free text (exception messages, URLs).
_SECRET_IN_TEXT = re.compile(
    r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]+|"
    r"((?:password|secret|token|api_key|access_token|refresh_token|signature)=|"
    # OAuth callbacks: the authorization code and state are credentials for a few minutes.
    r"[?&](?:code|state|sig)=)[^&\s]+|"
    r"(://[^:/@\s]+:)[^@\s]+(@)"
)


# Every pattern above needs one of these; most values (paths, ids, names) have none, and this
# one cheap search spares them the full pattern on every log line.
_MAYBE_SECRET_IN_TEXT = re.compile(r"(?i)bearer|=|://")


def _mask_text(text: str) -> str:
    if not _MAYBE_SECRET_IN_TEXT.search(text):
        return text

    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1) + MASK
        if match.group(2):
            return match.group(2) + MASK
        return f"{match.group(3)}{MASK}{match.group(4)}"

    return _SECRET_IN_TEXT.sub(replace, text)


@lru_cache(maxsize=4096)
def is_secret_key(key: str) -> bool:
    return bool(_SECRET_KEY.search(key))


def mask_secrets(value: Any, key: str = "") -> Any:
    """Return ``value`` with anything secret replaced; used for log lines and ledger payloads."""
    if key and is_secret_key(key):
        return MASK
    if isinstance(value, SecretStr):
        return MASK
    if isinstance(value, Mapping):
        return {k: mask_secrets(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_secrets(v) for v in value]
    if isinstance(value, str):
        return _mask_text(value)
    return value


def _mask_processor(_: Any, __: str, event_dict: EventDict) -> EventDict:
    for key in list(event_dict):
        if key in ("event", "level", "timestamp", "logger"):
            if isinstance(event_dict[key], str):
                event_dict[key] = _mask_text(event_dict[key])
            continue
        event_dict[key] = mask_secrets(event_dict[key], key)
    return event_dict


def _mask_exception(_: Any, __: str, event_dict: EventDict) -> EventDict:
    if isinstance(event_dict.get("exception"), str):
        event_dict["exception"] = _mask_text(event_dict["exception"])
    return event_dict


def configure_logging(*, json: bool, level: str = "INFO", process_name: str | None = None) -> None:
    """Production (``json``): our own lines are rendered straight to JSON on stderr, with no
    stdlib record or handler in between (the request log is written on every request: this is
    most of its cost, docs/performance.md); other libraries' lines come through the stdlib
    handler in the same JSON. Development: everything through the stdlib handler, rendered for
    a console."""
    shared: list[Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _mask_processor,
    ]
    if process_name:
        shared.insert(0, _add_process(process_name))
    renderer: Processor = (
        structlog.processors.JSONRenderer()
        if json
        else structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())
    )
    finishing: list[Processor] = [
        structlog.processors.format_exc_info,
        _mask_exception,
        renderer,
    ]
    if json:
        structlog.configure(
            processors=[*shared, *finishing],
            logger_factory=JsonLineLogger,
            wrapper_class=structlog.make_filtering_bound_logger(
                logging.getLevelName(level.upper())
            ),
            cache_logger_on_first_use=True,
        )
    else:
        structlog.configure(
            processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
            logger_factory=structlog.stdlib.LoggerFactory(),
            wrapper_class=structlog.stdlib.BoundLogger,
            cache_logger_on_first_use=True,
        )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *finishing],
    )
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error", "celery", "alembic"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
    # Our request middleware writes one structured line per request; uvicorn's would double it.
    logging.getLogger("uvicorn.access").disabled = True
    # httpx logs each request's full URL at INFO, query string included: an outbound URL may
    # carry a token (STAKAZO_ALERT_WEBHOOK_URL). Its warnings still come through.
    logging.getLogger("httpx").setLevel(logging.WARNING)


class JsonLineLogger:
    """Where structlog's production lines go: one rendered line per call, written to whatever
    ``sys.stderr`` is at the time (one write, so lines from threads never interleave)."""

    def __init__(self, name: str = "", *_: Any) -> None:
        self.name = name  # read by add_logger_name

    def msg(self, message: str) -> None:
        stream = sys.stderr
        stream.write(message + "\n")
        stream.flush()

    log = debug = info = warn = warning = error = err = critical = exception = fatal = msg


def _add_process(name: str) -> Processor:
    def processor(_: Any, __: str, event_dict: MutableMapping[str, Any]) -> EventDict:
        event_dict.setdefault("process", name)
        return event_dict

    return processor


def new_request_id() -> str:
    # Tells log lines apart; not a secret, so no system entropy call on every request.
    return f"{random.getrandbits(128):032x}"


def current_request_id() -> str:
    value = structlog.contextvars.get_contextvars().get("request_id")
    return str(value) if value else new_request_id()
