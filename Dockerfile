# One image for every Stakazo process: the command picks api, worker, beat or migrate.
#   docker build -t stakazo .
#   docker run --rm --env-file production.env -p 8000:8000 stakazo
# The image listens on 0.0.0.0, so it runs in production mode, which refuses to start without its
# keys, PostgreSQL and live platform credentials (see docker-compose.yml for the full list).

# The dashboard: built here with Node.js; the image carries only its static export, which the
# API serves at / (no Node.js at run time).
FROM node:20-bookworm-slim AS dashboard
ENV NEXT_TELEMETRY_DISABLED=1
WORKDIR /src
COPY api-clients/typescript/package.json api-clients/typescript/package-lock.json api-clients/typescript/
RUN cd api-clients/typescript && npm ci --no-audit --no-fund --loglevel=error
COPY dashboard/package.json dashboard/package-lock.json dashboard/
RUN cd dashboard && npm ci --no-audit --no-fund --loglevel=error
COPY api-clients/ api-clients/
COPY dashboard/ dashboard/
RUN cd dashboard && npm run build && node scripts/check-budget.mjs

FROM python:3.11-slim

ENV STAKAZO_ENV=production \
    STAKAZO_DASHBOARD_DIR=/app/dashboard \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# fonts: the caption presets and a brand may name DejaVu or Liberation (docs/captions.md)
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg fonts-dejavu-core fonts-liberation \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system stakazo \
    && useradd --system --gid stakazo --home-dir /app --no-create-home --shell /usr/sbin/nologin stakazo

# Install from a throwaway copy of the source, so the running code is the installed package
# (migrations ship inside it; `stakazo migrate` needs no alembic.ini).
COPY . /tmp/src
RUN pip install /tmp/src && rm -rf /tmp/src

COPY --from=dashboard /src/dashboard/out /app/dashboard

# /app/var holds the beat schedule (relative path var/celerybeat-schedule); /data/media is the
# default home of STAKAZO_MEDIA_DIR in docker-compose.yml. Both belong to the app user, and a
# named volume mounted on /data starts out with this ownership.
RUN mkdir -p /app/var /data/media \
    && chown -R stakazo:stakazo /app /data

WORKDIR /app
USER stakazo

EXPOSE 8000

# Liveness of the API. Worker and beat containers built from this image override it
# (see docker-compose.yml), since they do not serve HTTP.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/debug/health', timeout=4).status == 200 else 1)"]

CMD ["stakazo", "api", "--host", "0.0.0.0"]
