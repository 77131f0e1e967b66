"""Every operation of the API, read from its OpenAPI schema and its FastAPI routes, with the
permission each one demands and a request for it built from the schema."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant

from backend.app import served_routes

# Operations that no workspace permission guards, and what authorises each instead.
SELF_AUTHORISED: dict[tuple[str, str], str] = {
    ("POST", "/v1/auth/register"): "anyone may try to register (signup rules decide)",
    ("POST", "/v1/auth/login"): "the password",
    ("POST", "/v1/auth/refresh"): "the refresh token",
    ("POST", "/v1/auth/logout"): "the caller's own session",
    ("POST", "/v1/auth/session"): "the password",
    ("POST", "/v1/auth/session/refresh"): "the session cookie and its CSRF token",
    ("DELETE", "/v1/auth/session"): "the session cookie and its CSRF token",
    ("GET", "/v1/auth/me"): "the caller's own account",
    ("GET", "/v1/auth/me/security-events"): "the caller's own sign-in history",
    ("POST", "/v1/auth/password"): "the caller's own account and its current password",
    ("GET", "/v1/invitations"): "invitations to the caller's own email",
    ("POST", "/v1/invitations/{invitation_id}/accept"): "an invitation to the caller's own email",
    ("POST", "/v1/invitations/{invitation_id}/decline"): "an invitation to the caller's own email",
    ("GET", "/v1/workspaces"): "the caller's own memberships",
    ("POST", "/v1/workspaces"): "any signed-in user may found a workspace",
    ("GET", "/debug/health"): "a liveness probe",
    ("GET", "/debug/ready"): "a readiness probe",
    ("OPTIONS", "/v1/uploads/tus"): "tus discovery answers before credentials",
    ("GET", "/media/{token}"): "the signed link",
    ("GET", "/accounts/oauth/{platform}/callback"): "the single-use OAuth state",
    ("GET", "/webhooks/instagram"): "the verify token",
    ("POST", "/webhooks/instagram"): "the HMAC signature",
    ("POST", "/webhooks/tiktok"): "the HMAC signature",
    ("GET", "/webhooks/youtube"): "a topic only we subscribed to",
    ("POST", "/webhooks/youtube"): "the HMAC signature",
}

# Path parameters that name a row, by the world's id kinds; every other path parameter must be
# listed in OTHER_PATH_PARAMETERS, so a new id-taking route cannot slip past the matrix.
ID_PARAMETERS = frozenset(
    {
        "asset_id",
        "clip_id",
        "job_id",
        "account_id",
        "publication_id",
        "user_id",
        "upload_id",
        "invitation_id",
        "item_id",
        "alert_id",
        "run_id",
        "model_id",
        "campaign_id",
    }
)
# Rows shared by every workspace (platform rules versions): named by their id, but no
# workspace's own, so naming one is no reach into another tenant.
INSTANCE_WIDE_IDS = frozenset({"rule_id"})
OTHER_PATH_PARAMETERS = frozenset({"platform", "token", "kind"}) | INSTANCE_WIDE_IDS
# Filters for rows that do not exist yet in this version.
IDS_WITHOUT_ROWS: frozenset[str] = frozenset()

# Body fields the probe leaves out so that the request is otherwise valid: the first job type in
# the schema's enum, media.process, takes an asset and refuses a clip with a 422.
BODY_FIELDS_LEFT_OUT: dict[tuple[str, str], frozenset[str]] = {
    ("POST", "/v1/jobs"): frozenset({"clip_id"}),
}

# Body fields the probe adds: a body whose fields are all optional must still say something.
BODY_FIELDS_ADDED: dict[tuple[str, str], dict[str, Any]] = {
    ("PATCH", "/v1/clips/{clip_id}"): {"caption": "probe"},
}

HEADER_VALUES = {
    "Tus-Resumable": "1.0.0",
    "Upload-Length": "64",
    "Upload-Offset": "0",
    "Upload-Metadata": "filename cHJvYmUubXA0",  # probe.mp4
}


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    spec: dict[str, Any]
    permission: str | None

    @property
    def name(self) -> str:
        return f"{self.method} {self.path}"

    def parameters(self, where: str) -> list[dict[str, Any]]:
        return [p for p in self.spec.get("parameters", []) if p["in"] == where]

    @property
    def path_ids(self) -> list[str]:
        return [p["name"] for p in self.parameters("path") if p["name"] in ID_PARAMETERS]


def _permission(dependant: Dependant) -> str | None:
    for dependency in dependant.dependencies:
        found = getattr(dependency.call, "required_permission", None) or _permission(dependency)
        if found:
            return str(found)
    return None


def operations(app: FastAPI) -> list[Operation]:
    """Each operation the app documents, with the permission its route's dependencies demand."""
    routes = {(method, path): route for path, route in served_routes() for method in route.methods}
    found = []
    for path, methods in app.openapi()["paths"].items():
        for method, spec in methods.items():
            route = routes[(method.upper(), path)]
            found.append(Operation(method.upper(), path, spec, _permission(route.dependant)))
    return found


def is_id_name(name: str) -> bool:
    return name.endswith(("_id", "_ids")) and name != "workspace_id"


class RequestBuilder:
    """A well-formed request for an operation, every id in it taken from ``ids``."""

    def __init__(self, schema: dict[str, Any], ids: dict[str, uuid.UUID]) -> None:
        self.components = schema["components"]["schemas"]
        self.ids = ids

    def build(self, operation: Operation, headers: dict[str, str]) -> dict[str, Any]:
        url = operation.path
        for parameter in operation.parameters("path"):
            url = url.replace("{" + parameter["name"] + "}", self._path_value(parameter))
        params = {
            p["name"]: str(self._id(p["name"]))
            for p in operation.parameters("query")
            if is_id_name(p["name"]) and p["name"] not in IDS_WITHOUT_ROWS
        }
        sent = dict(headers)
        for parameter in operation.parameters("header"):
            name = parameter["name"]
            if name in HEADER_VALUES:
                sent[name] = HEADER_VALUES[name]
            else:
                assert not parameter.get("required"), f"{operation.name}: no value for {name}"
        request: dict[str, Any] = {"method": operation.method, "url": url, "params": params}
        content = operation.spec.get("requestBody", {}).get("content", {})
        if "application/json" in content:
            request["json"] = self._body(operation, content)
        elif "multipart/form-data" in content:
            request["files"] = {"file": ("probe.mp4", b"\0\0\0\x18ftypmp42" + b"\0" * 64)}
        elif "application/offset+octet-stream" in content:
            sent["Content-Type"] = "application/offset+octet-stream"
            request["content"] = b"\0" * 8
        else:
            assert not content, f"{operation.name}: no body for {list(content)}"
        request["headers"] = sent
        return request

    def carries_ids(self, operation: Operation) -> bool:
        """Whether the request names rows: in its path or in its body."""
        if operation.path_ids:
            return True
        content = operation.spec.get("requestBody", {}).get("content", {})
        body = self._body(operation, content) if content.get("application/json") else {}
        return any(str(value) in str(body) for value in self.ids.values())

    def _body(self, operation: Operation, content: dict[str, Any]) -> Any:
        body = self.instance(content["application/json"]["schema"], "body")
        for name in BODY_FIELDS_LEFT_OUT.get((operation.method, operation.path), frozenset()):
            body.pop(name, None)
        body.update(BODY_FIELDS_ADDED.get((operation.method, operation.path), {}))
        return body

    def _path_value(self, parameter: dict[str, Any]) -> str:
        name = parameter["name"]
        if name in ID_PARAMETERS | INSTANCE_WIDE_IDS:
            return str(self._id(name))
        assert name in OTHER_PATH_PARAMETERS, f"path parameter {name!r} is not in the matrix"
        schema = self._resolve(parameter["schema"])
        return str(schema["enum"][0]) if "enum" in schema else "probe"

    def _id(self, name: str) -> uuid.UUID:
        kind = name.removesuffix("s") if name.endswith("_ids") else name
        assert kind in self.ids, f"no row of kind {kind!r} to probe with"
        return self.ids[kind]

    def _resolve(self, schema: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in schema:
            schema = self.components[schema["$ref"].rsplit("/", 1)[1]]
        if "anyOf" in schema:
            options = [option for option in schema["anyOf"] if option.get("type") != "null"]
            schema = self._resolve(options[0])
        return schema

    def instance(self, schema: dict[str, Any], name: str) -> Any:
        schema = self._resolve(schema)
        kind = schema.get("type")
        if kind == "object":
            required = set(schema.get("required", []))
            return {
                prop: self.instance(sub, prop)
                for prop, sub in schema.get("properties", {}).items()
                if prop in required or (is_id_name(prop) and prop not in IDS_WITHOUT_ROWS)
            }
        if kind == "array":
            if name.endswith("_ids"):  # as many as the schema asks for (the same row, repeated)
                return [str(self._id(name))] * max(1, schema.get("minItems", 1))
            return [self.instance(schema["items"], name)] * max(1, schema.get("minItems", 1))
        if kind == "string":
            if "enum" in schema:
                return schema["enum"][0]
            if schema.get("format") == "uuid":
                return str(self._id(name))
            if schema.get("format") == "date-time":  # a time to come, as schedules want
                return (datetime.now(UTC) + timedelta(days=1)).isoformat()
            if schema.get("format") == "date":  # a day to come, as campaigns want
                return (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
            if schema.get("format") == "email":
                return f"probe-{uuid.uuid4().hex[:10]}@example.com"
            return "probe".ljust(schema.get("minLength", 0), "-")
        if kind in ("integer", "number"):
            return schema.get("minimum", 1)
        if kind == "boolean":
            return False
        raise AssertionError(f"cannot build a value for {name}: {schema}")
