"""The Instagram emulator's knobs (``GET/PUT /instagram/_sandbox/config``)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class SandboxConfig(BaseModel):
    """Knobs for what the sources leave open [?] or what tests need to move."""

    model_config = ConfigDict(extra="forbid")

    # The publishing limit: 50 in the reference example, 25 in older docs, 100 elsewhere [?].
    quota_total: int = Field(default=50, ge=0)
    quota_duration_seconds: int = Field(default=86400, ge=1)
    short_token_seconds: int = Field(default=3600, ge=1)
    long_token_seconds: int = Field(default=60 * 86400, ge=1)
    refresh_min_age_seconds: int = Field(default=86400, ge=0)
    # Whether a refresh ends the previous token at once [?]; Meta only says the new one lasts
    # 60 days from the refresh.
    refresh_invalidates_previous: bool = False
    # How long an authorization code may wait before it is exchanged [?].
    code_ttl_seconds: int = Field(default=3600, ge=1)
    container_ttl_seconds: int = Field(default=86400, ge=1)
    # 300 MB per the copies of the Reels spec we have; some say 1 GB [?].
    max_video_bytes: int = Field(default=300 * 1024 * 1024, ge=1)
    min_duration_seconds: float = Field(default=3.0, ge=0)
    max_duration_seconds: float = Field(default=900.0, gt=0)
    caption_max_chars: int = Field(default=2200, ge=1)
    max_hashtags: int = Field(default=30, ge=0)
    max_mentions: int = Field(default=20, ge=0)
    # Whether GET on the upload uri tells the bytes received. Meta documents no such query [?],
    # so it is off: a client must not depend on it.
    upload_offset_query: bool = False
    # Fetching video_url and cover_url ("we will cURL" them): how long one fetch may take.
    fetch_timeout_seconds: float = Field(default=30.0, gt=0)
    max_cover_bytes: int = Field(default=8 * 1024 * 1024, ge=1)
    # Rate limits [M11]: app calls per rolling hour (200 x users) and calls about one account
    # per rolling 24 h (4800 x impressions): both reported in percent in the usage headers, and
    # refused once used up.
    app_calls_per_hour: int = Field(default=20_000, ge=1)
    account_calls_per_day: int = Field(default=4_800, ge=1)
