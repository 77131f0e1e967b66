"""Which cause an error message points at, by what the failing library says.

The first pattern that matches wins, so the more specific come first: "database is locked" is
SQLite before it is "a database", a Redis refusal names port 6379 before it is "connection
refused", "No space left on device" inside an ffmpeg error is the disk, not ffmpeg.
"""

from __future__ import annotations

import re

from backend.health.causes import CauseName

_SOURCES: tuple[tuple[CauseName, str], ...] = (
    ("sqlite_locked", r"database (?:table )?is locked|SQLITE_BUSY"),
    ("disk_full", r"no space left on device|ENOSPC|errno 28\b|disk quota exceeded"),
    (
        "redis_down",
        r"redis\.exceptions|\bredis\b.*(?:refused|timeout|timed out|unavailable|error)"
        r"|:6379\b|MISCONF|LOADING Redis",
    ),
    (
        "database_down",
        r"could not connect to server|:5432\b|postgres\w*.*(?:refused|down|unavailable)"
        r"|too many clients already|the database system is (?:starting up|shutting down|in "
        r"recovery)|server closed the connection unexpectedly|ConnectionDoesNotExistError"
        r"|CannotConnectNowError|asyncpg\.exceptions\.\w*Connection",
    ),
    (
        "broker_down",
        r"\bkombu\b|\bamqp\b|\bbroker\b.*(?:refused|unreachable|down|not answer|timed out)"
        r"|jobs\.enqueue_failed|:5672\b|filesystem broker",
    ),
    (
        "storage_unreachable",
        r"EndpointConnectionError|could not connect to the endpoint URL|NoSuchBucket"
        r"|InvalidAccessKeyId|SignatureDoesNotMatch|botocore|\bS3\b.*(?:refused|unreachable"
        r"|denied|timed out|error)|storage (?:is )?unreachable",
    ),
    (
        "out_of_memory",
        r"MemoryError|cannot allocate memory|out of memory|\bOOM\b|killed by signal 9"
        r"|SIGKILL|exit code -9\b",
    ),
    (
        "ffmpeg_failing",
        r"ffmpeg|ffprobe|invalid data found when processing input|moov atom not found"
        r"|conversion failed|error while decoding|unknown encoder|codec not found",
    ),
    (
        "webhook_signature_failures",
        r"signature (?:mismatch|invalid|does not (?:match|verify))|invalid signature"
        r"|bad signature|unsigned (?:callback|webhook)|X-Hub-Signature",
    ),
    (
        "oauth_expired",
        r"invalid_grant|token (?:has )?expired|expired (?:access |refresh )?token"
        r"|needs_reauth|invalid_token|token (?:was |has been )?revoked|OAuthException"
        r"|401 unauthorized|reconnect the account|access_token_invalid",
    ),
    (
        "quota_exhausted",
        r"quota ?exceeded|quotaExceeded|daily (?:upload |post(?:ing)? )?limit|quota (?:is )?"
        r"(?:used up|exhausted)|uploadLimitExceeded",
    ),
    (
        "platform_rate_limited",
        r"\b429\b|rate[ _-]?limit|too many requests|spam_risk|throttl",
    ),
    (
        "platform_unavailable",
        r"\b50[0234]\b|service unavailable|bad gateway|gateway time-?out|internal server "
        r"error|ReadTimeout|ConnectTimeout",
    ),
)
ERROR_PATTERNS: tuple[tuple[CauseName, re.Pattern[str]], ...] = tuple(
    (cause, re.compile(pattern, re.IGNORECASE)) for cause, pattern in _SOURCES
)


def classify(message: str | None) -> CauseName | None:
    if not message:
        return None
    for cause, pattern in ERROR_PATTERNS:
        if pattern.search(message):
            return cause
    return None


# Alert rules, by a word of their name, and the cause each points at.
ALERT_RULES: tuple[tuple[str, CauseName], ...] = (
    ("database", "database_down"),
    ("sqlite", "sqlite_locked"),
    ("redis", "redis_down"),
    ("broker", "broker_down"),
    ("disk", "disk_full"),
    ("storage", "storage_unreachable"),
    ("worker", "worker_dead"),
    ("heartbeat", "worker_dead"),
    ("ledger", "ledger_broken"),
    ("ffmpeg", "ffmpeg_failing"),
    ("token", "oauth_expired"),
    ("reauth", "oauth_expired"),
    ("oauth", "oauth_expired"),
    ("quota", "quota_exhausted"),
    ("rate_limit", "platform_rate_limited"),
    ("signature", "webhook_signature_failures"),
    ("webhook", "webhook_signature_failures"),
    ("slow", "job_type_slow"),
    ("duration", "job_type_slow"),
    ("backlog", "queue_backlog"),
    ("queue", "queue_backlog"),
    ("outbox", "outbox_dead"),
    ("publication", "publish_failing"),
    ("publish", "publish_failing"),
    ("failure", "job_failures"),
)


# The rules backend/alerts raises, each with the cause it points at; a test keeps this complete.
ALERT_RULE_CAUSES: dict[str, CauseName] = {
    "failure_rate": "job_failures",
    "backlog_growing": "queue_backlog",
    "job_overdue": "job_type_slow",
    "worker_missing": "worker_dead",
    "queue_unconsumed": "worker_dead",
    "account_needs_reauth": "oauth_expired",
    "token_expiring": "oauth_expired",
    "quota_nearly_used": "quota_exhausted",
    "ledger_broken": "ledger_broken",
    "disk_low": "disk_full",
    "webhooks_failing": "webhook_signature_failures",
}


def alert_cause(rule: str, key: str) -> CauseName:
    """Our own rules by name; an alert of another origin (a recorded incident, an older rule
    name) by a word of its name."""
    if rule in ALERT_RULE_CAUSES:
        return ALERT_RULE_CAUSES[rule]
    name = f"{rule} {key}".lower()
    for word, cause in ALERT_RULES:
        if word in name:
            return cause
    return "alert_open"
