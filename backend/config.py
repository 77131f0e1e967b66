"""One settings object for the API, the workers and the CLI (env prefix ``STAKAZO_``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import structlog
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from core import keyfiles

# Published in earlier versions of .env.example, so it signs nothing: production refuses it and
# the embedded default replaces it with its generated key.
PLACEHOLDER_SECRET_KEY = "dev-only-insecure-secret-key-change-me"  # noqa: S105 - never used to sign
# The sandbox's own app credentials, published in this repository: live mode in production refuses
# them (setting name -> published value).
SANDBOX_SECRETS = {
    "instagram_app_secret": "stakazo-sandbox-instagram-secret",
    "instagram_webhook_verify_token": "stakazo-sandbox-verify",
    "tiktok_client_secret": "stakazo-sandbox-tiktok-secret",
    "google_client_secret": "stakazo-sandbox-google-secret",
    "youtube_websub_secret": "stakazo-sandbox-websub",
}

EMBEDDED_DATABASE_URL = "sqlite+aiosqlite:///var/stakazo.db"
EMBEDDED_BROKER_URL = "filesystem://"
EMBEDDED_RESULT_BACKEND = "db+sqlite:///var/celery-results.db"


class ConfigurationError(RuntimeError):
    """The configuration is unsafe or inconsistent; the process must not start."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="STAKAZO_",
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
    )

    env: Literal["development", "production", "test"] = "development"
    # Signs access tokens and media links. Unset outside production: a random key generated on
    # first start and kept in {data_dir}/secret-key.
    secret_key: SecretStr = SecretStr("")
    # Outside production, where generated keys are kept (secret key, token encryption key, ledger
    # key), readable by their owner only.
    data_dir: Path = Path("var")
    # MACs the ledger's hash chain; required in production, generated in {data_dir} otherwise.
    ledger_key: SecretStr = SecretStr("")

    database_url: str = EMBEDDED_DATABASE_URL
    database_pool_size: int = Field(default=10, ge=1)
    database_timeout_seconds: float = Field(default=10.0, gt=0)

    broker_url: str = EMBEDDED_BROKER_URL
    broker_dir: Path = Path("var/broker")
    result_backend: str = EMBEDDED_RESULT_BACKEND
    broker_timeout_seconds: float = Field(default=5.0, gt=0)
    job_redispatch_after_seconds: int = Field(default=300, ge=30)
    # How often beat looks for lost and dead jobs (and webhook deliveries) to send again.
    job_redispatch_interval_seconds: float = Field(default=60.0, gt=0)
    # A running job whose worker has not sent a heartbeat for this long lost its worker; it is
    # taken over, or failed once it has been started job_max_attempts times.
    job_stale_after_seconds: int = Field(default=180, ge=1)
    job_max_attempts: int = Field(default=3, ge=1)
    # The outbox (backend/outbox): a message sent this many times without its work getting done
    # is dead (visible at GET /v1/outbox, retried only by an admin). Between sends: the redispatch
    # wait above, plus a full-jitter exponential delay from the base, capped.
    outbox_max_sends: int = Field(default=8, ge=1)
    outbox_backoff_base_seconds: float = Field(default=30.0, gt=0)
    outbox_backoff_cap_seconds: float = Field(default=3600.0, gt=0)
    # YouTube's WebSub subscriptions lapse after about five days: renewed this long after each.
    notification_renew_seconds: int = Field(default=86400, ge=60)

    # The event stream (WS /v1/events). A redis:// URL carries it between processes through a
    # bounded Redis stream; "local" is the embedded transport (the API binds
    # {data_dir}/events.sock, workers send to it). Unset: the broker's Redis, else local.
    events_url: str | None = None
    events_stream_key: str = "stakazo:events"
    # A subscriber reconnecting with its last event id gets what it missed within this window
    # (at most events_replay_max events), else a "resync".
    events_replay_seconds: float = Field(default=60.0, gt=0)
    events_replay_max: int = Field(default=10_000, ge=100)
    # Events queued for one subscriber before it is dropped as too slow.
    events_subscriber_queue: int = Field(default=1000, ge=10)
    # How often open subscriptions are checked again (sign-out, removal and role changes close
    # them at once; this catches anything else, such as an expired session).
    events_recheck_seconds: float = Field(default=60.0, gt=0)

    # Telemetry (docs/operations.md): beat takes a snapshot every interval; snapshots older than
    # the retention are pruned. Workers write their heartbeat every worker_heartbeat_seconds.
    telemetry_interval_seconds: float = Field(default=10.0, ge=1)
    telemetry_retention_seconds: int = Field(default=7 * 24 * 3600, ge=600)
    worker_heartbeat_seconds: float = Field(default=5.0, gt=0)
    # GET /metrics needs "Authorization: Bearer <token>" when set; production requires it.
    metrics_token: SecretStr = SecretStr("")
    # Where each process writes its Prometheus samples so /metrics adds them up (prometheus
    # client's multiprocess mode). Unset: {data_dir}/metrics.
    metrics_dir: Path | None = None
    # A worker node serves its own GET /metrics on this port (same token) when set: for workers
    # that do not share the API's samples folder, such as docker-compose's containers.
    worker_metrics_port: int | None = Field(default=None, ge=1, le=65535)
    worker_metrics_host: str = "127.0.0.1"
    # Alerts: thresholds of the rules, and the optional signed webhook that is told of each
    # alert opening and resolving (HMAC-SHA256 with alert_webhook_secret).
    alert_failure_rate: float = Field(default=0.25, gt=0, le=1)
    alert_failure_min_jobs: int = Field(default=4, ge=1)
    alert_backlog_intervals: int = Field(default=3, ge=2)
    alert_token_expiry_days: float = Field(default=3.0, gt=0)
    alert_quota_used_ratio: float = Field(default=0.9, gt=0, le=1)
    alert_disk_free_ratio: float = Field(default=0.1, gt=0, lt=1)
    alert_webhook_url: str | None = None
    alert_webhook_secret: SecretStr = SecretStr("")
    # The AI health worker (docs/ai-health.md): OpenAI first (openai_api_key, below), Gemini as
    # its fallback; with neither, the deterministic analysis stands.
    ai_health_interval_seconds: float = Field(default=3600.0, ge=60)
    # How often every workspace with new published results trains its clip score (docs/scoring.md).
    scoring_train_interval_seconds: float = Field(default=86400.0, ge=60)
    ai_openai_base_url: str | None = None
    ai_openai_model: str = "gpt-4o-mini"
    gemini_api_key: SecretStr | None = None
    ai_gemini_base_url: str | None = None
    ai_gemini_model: str = "gemini-2.0-flash"
    ai_timeout_seconds: float = Field(default=30.0, gt=0)
    ai_max_attempts: int = Field(default=2, ge=1, le=5)
    ai_max_tool_calls: int = Field(default=4, ge=0, le=20)
    ai_cost_cap_run_usd: float = Field(default=0.05, ge=0)
    ai_cost_cap_day_usd: float = Field(default=1.0, ge=0)

    media_dir: Path = Path("var/media")
    # The built dashboard (a static export, `make dashboard`), served at / by the API.
    dashboard_dir: Path = Path(__file__).resolve().parents[1] / "dashboard" / "out"
    ffmpeg_path: str | None = None
    ffmpeg_timeout_seconds: float = Field(default=3600.0, gt=0)

    storage_backend: Literal["local", "s3"] = "local"
    s3_bucket: str = "stakazo-media"
    s3_endpoint_url: str | None = None
    s3_region: str = "us-east-1"
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    s3_timeout_seconds: float = Field(default=30.0, gt=0)

    max_upload_bytes: int = Field(default=10 * 1024**3, gt=0)
    allowed_containers: list[str] = ["mp4", "mov", "m4v", "mkv", "webm", "avi", "mpeg", "mpg", "ts"]
    upload_expiry_hours: int = Field(default=24, ge=1)
    media_url_ttl_seconds: int = Field(default=3600, ge=60)

    clip_min_seconds: float = Field(default=15.0, gt=0)
    clip_max_seconds: float = Field(default=60.0, gt=0)
    clip_top_n: int = Field(default=10, ge=1, le=100)
    openai_api_key: SecretStr | None = None
    # "auto": OpenAI when a key is set, else the most accurate offline engine installed
    # (docs/speech.md has the measurements).
    speech_engine: Literal[
        "auto",
        "openai",
        "openai-compatible",
        "whisper-base",
        "whisper-tiny.en",
        "pocketsphinx",
        "none",
    ] = "auto"
    # An OpenAI-compatible transcription server (e.g. a self-hosted faster-whisper server, the
    # optional `transcription` service of docker-compose.yml): "auto" uses it when no OpenAI key
    # is set. Its answers' word times are kept; segments alone are aligned to the audio.
    transcription_base_url: str | None = None
    transcription_model: str = "whisper-1"
    transcription_api_key: SecretStr | None = None

    # Publishing. "sandbox" talks to the built-in emulators of the three platforms (mounted at
    # /sandbox in the API); "live" talks to Instagram, TikTok and YouTube with the credentials
    # below.
    platforms_mode: Literal["sandbox", "live"] = "sandbox"
    # Where platforms and browsers reach this API: OAuth redirects and webhook callbacks use it.
    public_base_url: str = "http://127.0.0.1:8000"
    # Where platforms fetch our media from (signed links); defaults to public_base_url.
    public_media_base_url: str | None = None
    # Where the sandbox runs; defaults to {public_base_url}/sandbox.
    sandbox_url: str | None = None
    # Fault injection for the sandbox, as JSON (see sandbox/faults.py).
    sandbox_faults: str = "[]"
    # Seconds the sandbox takes to "process" an uploaded video before it can be published.
    sandbox_processing_seconds: float = Field(default=1.0, ge=0)
    # Fernet keys for OAuth tokens at rest, newest first; older ones still decrypt (rotation).
    # Outside production, a key generated in {data_dir}/token-encryption-key when none is set.
    token_encryption_keys: list[SecretStr] = []
    platform_connect_timeout_seconds: float = Field(default=10.0, gt=0)
    platform_timeout_seconds: float = Field(default=30.0, gt=0)
    platform_upload_timeout_seconds: float = Field(default=300.0, gt=0)
    # Refresh tokens this long before they expire.
    token_refresh_margin_seconds: int = Field(default=3 * 24 * 3600, ge=60)

    instagram_app_id: str = "stakazo-sandbox-instagram"
    instagram_app_secret: SecretStr = SecretStr(SANDBOX_SECRETS["instagram_app_secret"])
    instagram_webhook_verify_token: SecretStr = SecretStr(
        SANDBOX_SECRETS["instagram_webhook_verify_token"]
    )
    instagram_api_version: str = "v24.0"
    # Meta: poll a container "once per minute, for no more than 5 minutes".
    instagram_poll_interval_seconds: float = Field(default=60.0, gt=0)
    instagram_processing_limit_seconds: float = Field(default=300.0, gt=0)
    # Usage (X-App-Usage / X-Business-Use-Case-Usage, in percent) at which calls pause.
    instagram_usage_pause_percent: float = Field(default=90.0, gt=0, le=100)
    tiktok_client_key: str = "stakazo-sandbox-tiktok"
    tiktok_client_secret: SecretStr = SecretStr(SANDBOX_SECRETS["tiktok_client_secret"])
    # TikTok's documented cap is "typically around 15" direct posts per creator per day.
    tiktok_daily_post_cap: int = Field(default=15, ge=1)
    # Until TikTok audits the app, it may post only as SELF_ONLY: pre-flight refuses the rest.
    tiktok_client_audited: bool = True
    google_client_id: str = "stakazo-sandbox-google"
    google_client_secret: SecretStr = SecretStr(SANDBOX_SECRETS["google_client_secret"])
    youtube_websub_secret: SecretStr = SecretStr(SANDBOX_SECRETS["youtube_websub_secret"])
    # videos.insert has its own bucket since June 2026 (100 a day); older projects may differ.
    youtube_daily_upload_quota: int = Field(default=100, ge=1)

    # Failed attempts in a row (a run that moves forward starts the count again); with the
    # backoff capped at 5 minutes, 20 is roughly an hour or two of a platform failing.
    publish_max_attempts: int = Field(default=20, ge=1)
    # A publication in flight whose worker has been silent this long is picked up again.
    publish_stale_after_seconds: int = Field(default=120, ge=1)
    # How long one task waits on a platform's processing before handing the wait to a later task.
    publish_poll_budget_seconds: float = Field(default=60.0, gt=0)
    webhook_max_body_bytes: int = Field(default=1024 * 1024, ge=1024)
    webhook_max_age_seconds: int = Field(default=300, ge=1)
    # Every body except uploads (their own limit) and webhooks (theirs, above).
    max_json_body_bytes: int = Field(default=1024 * 1024, ge=1024)

    api_host: str = "127.0.0.1"
    api_port: int = Field(default=8000, ge=1, le=65535)
    cors_origins: list[str] = []
    # Where the dashboard is served (scheme://host[:port]). Only it may send the session cookie
    # across origins, open the event stream with it, and be an OAuth return_to. Defaults to
    # the origin of public_base_url (the dashboard served by the API itself).
    dashboard_origin: str | None = None
    # How many reverse proxies in front of the API append to X-Forwarded-For; the client address
    # is the entry that many hops from the right. 0: the TCP peer, and the header is ignored.
    trusted_proxy_hops: int = Field(default=0, ge=0, le=10)
    # Deprecated: true means one trusted proxy hop (when trusted_proxy_hops is 0).
    trust_forwarded_for: bool = False

    access_token_ttl_seconds: int = Field(default=900, ge=30)
    refresh_token_ttl_seconds: int = Field(default=30 * 24 * 3600, ge=300)
    bcrypt_rounds: int = Field(default=12, ge=4, le=16)
    # Signed-in sessions one account may have; a new sign-in past it ends the oldest.
    max_sessions_per_user: int = Field(default=50, ge=1)
    open_signup: bool = False
    # Workspaces one user may create (registration's first one included).
    max_workspaces_per_user: int = Field(default=20, ge=1)
    # How long an invitation to a workspace can be accepted.
    invitation_ttl_seconds: int = Field(default=14 * 24 * 3600, ge=60)

    # Failures on one account from one client address before that pair is throttled.
    login_max_failures_per_account: int = Field(default=5, ge=1)
    # Different accounts failed from one address before the address is throttled (stuffing).
    login_max_accounts_per_address: int = Field(default=20, ge=2)
    login_failure_window_seconds: int = Field(default=900, ge=1)

    log_level: str = "INFO"
    log_json: bool | None = None

    @property
    def is_production(self) -> bool:
        return self.env == "production"

    @property
    def secure_cookies(self) -> bool:
        """Plain-HTTP development on 127.0.0.1 needs cookies without Secure; nothing else does."""
        return self.env not in ("development", "test")

    @property
    def effective_dashboard_origin(self) -> str:
        return origin_of(self.dashboard_origin or self.public_base_url)

    @property
    def proxy_hops(self) -> int:
        return self.trusted_proxy_hops or (1 if self.trust_forwarded_for else 0)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def uses_filesystem_broker(self) -> bool:
        return self.broker_url.startswith("filesystem://")

    @property
    def effective_events_url(self) -> str:
        if self.events_url:
            return self.events_url
        return self.broker_url if self.broker_url.startswith(("redis://", "rediss://")) else "local"

    @property
    def events_socket(self) -> Path:
        return self.data_dir / "events.sock"

    @property
    def effective_sandbox_url(self) -> str:
        return (self.sandbox_url or f"{self.public_base_url.rstrip('/')}/sandbox").rstrip("/")

    @property
    def uses_sandbox(self) -> bool:
        return self.platforms_mode == "sandbox"

    @property
    def logs_as_json(self) -> bool:
        return self.is_production if self.log_json is None else self.log_json

    @model_validator(mode="after")
    def _complete_or_refuse(self) -> Settings:
        if self.is_production:
            self._refuse_unsafe_production()
            return self
        secret = self.secret_key.get_secret_value()
        if secret == PLACEHOLDER_SECRET_KEY:
            structlog.get_logger(__name__).warning(
                "config.placeholder_secret_key_ignored",
                detail="STAKAZO_SECRET_KEY holds the published placeholder; "
                "the generated key is used instead",
            )
        if not secret or secret == PLACEHOLDER_SECRET_KEY:
            path = self.data_dir / keyfiles.SECRET_KEY_FILE
            self.secret_key = SecretStr(keyfiles.load_or_create(path, keyfiles.random_secret))
        return self

    def _refuse_unsafe_production(self) -> None:
        secret = self.secret_key.get_secret_value()
        if secret == PLACEHOLDER_SECRET_KEY or len(secret) < 32:
            raise ConfigurationError(
                "STAKAZO_SECRET_KEY must be set to a random value of at least 32 characters "
                "in production; generate one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        if len(self.ledger_key.get_secret_value()) < 32:
            raise ConfigurationError(
                "STAKAZO_LEDGER_KEY must be set to a random value of at least 32 characters "
                "in production (it MACs the audit trail; keep it out of the database); "
                "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        if len(self.metrics_token.get_secret_value()) < 32:
            raise ConfigurationError(
                "STAKAZO_METRICS_TOKEN must be set to a random value of at least 32 characters "
                "in production (GET /metrics asks for it as 'Authorization: Bearer <token>'; give "
                "Prometheus the same one); generate one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
            )
        if self.is_sqlite:
            raise ConfigurationError(
                "STAKAZO_DATABASE_URL points at SQLite; production needs PostgreSQL "
                "(postgresql+asyncpg://user:password@host:5432/stakazo)"
            )
        if not self.token_encryption_keys:
            raise ConfigurationError(
                "STAKAZO_TOKEN_ENCRYPTION_KEYS must hold at least one Fernet key in production "
                "(newest first, as a JSON list); generate one with: python -c 'from "
                "cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
            )
        if self.uses_sandbox:
            raise ConfigurationError(
                "STAKAZO_PLATFORMS_MODE=sandbox is refused in production: the sandbox's control "
                "routes under /sandbox need no authentication. Set STAKAZO_PLATFORMS_MODE=live "
                "with the platforms' real app credentials."
            )
        published = [
            f"STAKAZO_{name.upper()}"
            for name, value in SANDBOX_SECRETS.items()
            if getattr(self, name).get_secret_value() == value
        ]
        if published:
            raise ConfigurationError(
                f"{', '.join(published)} still hold the sandbox's published default; in "
                "production set each to the real app's secret (or, for a platform you do not "
                "use, any random value)."
            )


@lru_cache
def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower-cased, default ports dropped."""
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    host = f"[{host}]" if ":" in host else host
    port = parts.port
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


@lru_cache
def get_settings() -> Settings:
    """One Settings per process: reading the environment and the key files once."""
    return Settings()
