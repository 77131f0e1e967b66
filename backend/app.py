"""create_app(): settings, database, routers, errors, middleware."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager

import structlog
from fastapi import FastAPI
from fastapi.routing import APIRoute

from backend.accounts.endpoints import callbacks as oauth_callbacks_router
from backend.accounts.endpoints import router as accounts_router
from backend.alerts.endpoints import router as alerts_router
from backend.assets.endpoints import router as assets_router
from backend.auth.browser import router as browser_session_router
from backend.auth.endpoints import router as auth_router
from backend.body_limit import BodyLimitMiddleware
from backend.calendar.endpoints import account_times as best_times_router
from backend.calendar.endpoints import router as calendar_router
from backend.campaigns.endpoints import router as campaigns_router
from backend.captions.endpoints import router as captions_router
from backend.clips.endpoints import router as clips_router
from backend.config import Settings, get_settings
from backend.cors import CorsByOrigin
from backend.dashboard_site import install_dashboard
from backend.db import SessionFactory, create_engine, create_session_factory
from backend.debug import service as debug_service
from backend.debug.endpoints import probes as probes_router
from backend.debug.endpoints import router as debug_router
from backend.docs_page import install_docs
from backend.errors import install_error_handlers
from backend.health.endpoints import router as ai_health_router
from backend.iam.endpoints import members, roles, workspaces
from backend.iam.endpoints import mine as invitations_router
from backend.jobs.endpoints import router as jobs_router
from backend.ledger.endpoints import router as ledger_router
from backend.liveness import PATH as LIVENESS_PATH
from backend.liveness import LivenessShortcut
from backend.logging import configure_logging
from backend.media.endpoints import router as media_router
from backend.metrics.endpoints import router as metrics_router
from backend.metrics.middleware import HttpMetricsMiddleware
from backend.metrics.multiprocess import mark_dead
from backend.middleware import RequestContextMiddleware
from backend.openapi import install_openapi
from backend.outbox.endpoints import router as outbox_router
from backend.overview.endpoints import router as overview_router
from backend.publishing.endpoints import allowances as allowances_router
from backend.publishing.endpoints import router as publishing_router
from backend.rules.endpoints import router as rules_router
from backend.scoring.endpoints import router as scoring_router
from backend.security_headers import SecurityHeadersMiddleware
from backend.streaming.endpoints import router as events_router
from backend.streaming.lifespan import serving_events
from backend.telemetry.endpoints import router as telemetry_router
from backend.uploads.endpoints import router as upload_router
from backend.uploads.endpoints import tus_router
from backend.webhooks.endpoints import router as webhooks_router

log = structlog.get_logger(__name__)

DESCRIPTION = """Stakazo turns long videos into short clips and publishes them to Instagram Reels,
TikTok and YouTube Shorts.

Every route a program calls is under `/v1`. Programs sign in with `POST /v1/auth/login` and send
the access token as `Authorization: Bearer …`; browsers sign in with `POST /v1/auth/session`,
which keeps the session in httpOnly cookies, and send the `stakazo_csrf` cookie's value as
`X-CSRF-Token` on POST, PUT, PATCH and DELETE. Choose the workspace to act in with the
`X-Workspace-Id` header (your workspaces: `GET /v1/auth/me`). Every list is a page
`{items, total, next_cursor}`: pass `next_cursor` back as `cursor` for the next one. Errors are
`{"error": code, "detail": message}`."""


API_PREFIX = "/v1"
# What programs and the dashboard call: versioned, and the whole of the client schema.
API_ROUTERS = (
    auth_router,
    browser_session_router,
    workspaces,
    members,
    invitations_router,
    roles,
    tus_router,
    upload_router,
    assets_router,
    clips_router,
    captions_router,
    rules_router,
    accounts_router,
    allowances_router,
    publishing_router,
    campaigns_router,
    calendar_router,
    best_times_router,
    jobs_router,
    overview_router,
    telemetry_router,
    ledger_router,
    debug_router,
    outbox_router,
    alerts_router,
    ai_health_router,
    scoring_router,
    events_router,
)
# What platforms, browsers following signed links and load balancers call: their addresses are
# registered elsewhere (redirect URIs, webhook URLs, issued links), so they never move.
UNVERSIONED_ROUTERS = (
    probes_router,
    metrics_router,
    oauth_callbacks_router,
    media_router,
    webhooks_router,
)


def served_routes() -> Iterator[tuple[str, APIRoute]]:
    """Every route the app serves, with the full path it is served at."""
    for prefix, routers in ((API_PREFIX, API_ROUTERS), ("", UNVERSIONED_ROUTERS)):
        for router in routers:
            for route in router.routes:
                if isinstance(route, APIRoute):
                    yield prefix + route.path_format, route


# Browser tus clients must be able to read these response headers across origins.
EXPOSED_HEADERS = [
    "Location",
    "Upload-Offset",
    "Upload-Length",
    "Upload-Metadata",
    "Tus-Resumable",
    "Tus-Version",
    "Tus-Extension",
    "Tus-Max-Size",
    "Tus-Checksum-Algorithm",
    "Stakazo-Asset-Id",
    "Content-Range",
    "Accept-Ranges",
    "X-Request-ID",
]


def limits_its_own_body(method: str, path: str) -> bool:
    """Uploads stream to disk up to STAKAZO_MAX_UPLOAD_BYTES, webhooks stop reading at
    STAKAZO_WEBHOOK_MAX_BODY_BYTES, and the sandbox stands in for the platforms' upload APIs."""
    return (
        (method == "POST" and path == f"{API_PREFIX}/upload")
        or (method == "PATCH" and path.startswith(f"{API_PREFIX}/uploads/tus/"))
        or (method == "POST" and path.startswith("/webhooks/"))
        or path.startswith("/sandbox/")
    )


# Where the rule in _operation_id reads badly, the name a client shows instead.
_OPERATION_NAMES = {"my_invitations": "list-mine", "my_security_events": "list-security-events"}


def _operation_id(route: APIRoute) -> str:
    """`assets-list`, `clips-get`, `accounts-creator-info`: the tag, then the route's name
    without the resource the tag already says, so generated clients read well."""
    tag = str(route.tags[0]) if route.tags else "default"
    if route.name in _OPERATION_NAMES:
        return f"{tag}-{_OPERATION_NAMES[route.name]}"
    resource = {tag, tag.removesuffix("s")}
    words = route.name.split("_")
    if len(words) > 1 and words[0] in resource:
        words = words[1:]
    if len(words) == 2 and words[1] in resource:
        words = words[:1]
    return f"{tag}-{'-'.join(words)}"


def _liveness_route() -> APIRoute:
    return next(route for path, route in served_routes() if path == LIVENESS_PATH)


YOUNG_COLLECTION_THRESHOLD = 20_000


def settle_heap() -> None:
    """Everything built while starting (modules, routes, schemas: most of the heap) lives as
    long as the process. Frozen out of the collector's reach, a full collection no longer walks
    it, which paused every request in flight for tens of milliseconds (docs/performance.md)."""
    gc.collect()
    gc.freeze()
    # A request allocates tens of thousands of short-lived objects: at the default threshold
    # (700) the youngest generation was collected a dozen times per request, promoting what a
    # request still held to older generations that are costlier to collect.
    gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *gc.get_threshold()[1:])


def create_app(
    settings: Settings | None = None, session_factory: SessionFactory | None = None
) -> FastAPI:
    """Build the API. Tests pass their own session factory (bound to a rolled-back transaction)."""
    settings = settings or get_settings()
    configure_logging(json=settings.logs_as_json, level=settings.log_level, process_name="api")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = None
        if session_factory is None:
            engine = create_engine(settings.database_url, settings)
            app.state.session_factory = create_session_factory(engine)
        log.info(
            "api.started", env=settings.env, database=engine.dialect.name if engine else "given"
        )
        async with serving_events(app, settings):
            settle_heap()
            yield
        if engine is not None:
            await engine.dispose()
        # Under several uvicorn workers, this one's live gauges must stop counting.
        mark_dead()

    app = FastAPI(
        title="Stakazo API",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    if session_factory is not None:
        app.state.session_factory = session_factory
    install_error_handlers(app)
    install_openapi(app)
    install_docs(app)
    # Routes are matched one by one in the order they were included, so the load balancers'
    # probes, answered most often and cheapest, come first (docs/performance.md).
    for router in UNVERSIONED_ROUTERS:
        app.include_router(router)
    for router in API_ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    if settings.uses_sandbox:
        from sandbox.app import create_sandbox_app

        # The embedded default publishes here; `stakazo sandbox` serves the same app on its own.
        app.mount("/sandbox", create_sandbox_app(settings))
    install_dashboard(app, settings.dashboard_dir)
    # Innermost first: the 413 still gets CORS, security headers and a request id. So does the
    # liveness probe, answered here instead of by the router.
    app.add_middleware(
        LivenessShortcut, body=debug_service.liveness().model_dump(), route=_liveness_route()
    )
    app.add_middleware(
        BodyLimitMiddleware, limit=settings.max_json_body_bytes, exempt=limits_its_own_body
    )
    app.add_middleware(CorsByOrigin, settings=settings, exposed_headers=EXPOSED_HEADERS)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(RequestContextMiddleware)
    # Outermost: a 413 or a failure in any middleware is counted and timed too.
    app.add_middleware(HttpMetricsMiddleware, routes=list(served_routes()))
    return app
