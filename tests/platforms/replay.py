"""A local HTTP server that answers with recorded platform responses, in the order a test scripts
them, and keeps what it was asked. For testing a client against the documented answers of a
platform rather than against our own emulator.

    with replaying() as server:
        server.expect("POST", "/v24.0/1784/media", "create_container.json")
        ...                                   # the client under test calls server.url
        assert server.requests[0].form["video_url"] == link
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.servers import serving

RECORDED = Path(__file__).parent / "recorded"


@dataclass
class Seen:
    method: str
    path: str
    query: dict[str, str]
    form: dict[str, str]
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    method: str
    path: str
    body: object
    status: int
    headers: dict[str, str]


@dataclass
class Replay:
    platform: str
    url: str = ""
    answers: list[Answer] = field(default_factory=list)
    requests: list[Seen] = field(default_factory=list)

    def recorded(self, name: str) -> object:
        text = (RECORDED / self.platform / name).read_text()
        return json.loads(text.replace("https://rupload.facebook.com", f"{self.url}/rupload"))

    def expect(
        self,
        method: str,
        path: str,
        name: str,
        *,
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> None:
        """The next request must be ``method path`` (the path after the host); it is answered
        with the recorded body ``name``."""
        self.answers.append(Answer(method, path, self.recorded(name), status, headers or {}))

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        form = (
            dict(parse_qsl(body.decode()))
            if request.headers.get("content-type", "").startswith(
                "application/x-www-form-urlencoded"
            )
            else {}
        )
        self.requests.append(
            Seen(
                request.method,
                request.url.path,
                dict(request.query_params),
                form,
                dict(request.headers),
                body,
            )
        )
        if not self.answers:
            return JSONResponse({"replay": "no answer scripted"}, 599)
        answer = self.answers[0]
        if (answer.method, answer.path) != (request.method, request.url.path):
            return JSONResponse(
                {"replay": f"expected {answer.method} {answer.path}"},
                599,
            )
        self.answers.pop(0)
        return JSONResponse(answer.body, answer.status, headers=answer.headers)


@contextmanager
def replaying(platform: str) -> Iterator[Replay]:
    replay = Replay(platform)
    methods = ["GET", "POST", "PUT", "DELETE"]
    app = Starlette(routes=[Route("/{path:path}", replay.handle, methods=methods)])
    with serving(app) as url:
        replay.url = url
        yield replay
