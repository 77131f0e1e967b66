"""Local stand-ins for the two model APIs, over real HTTP: an OpenAI-compatible
``/v1/chat/completions`` that streams SSE chunks, and a Gemini-compatible
``/v1/models/{model}:streamGenerateContent`` (and ``:generateContent``).

Each plays a script: one step per request, the last step repeating. A step is
``("text", body)`` (streamed in small chunks), ``("tool", name, arguments)``, ``("status", code)``
or ``("hang",)`` (sends nothing until the client gives up). Every request body is kept, to check
what left the machine.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

Step = tuple[Any, ...]
CHUNK = 12
CHUNK_PAUSE = 0.03


class Script:
    def __init__(self, *steps: Step) -> None:
        self.steps = list(steps)
        self.requests: list[dict[str, Any]] = []

    def next(self, body: dict[str, Any]) -> Step:
        self.requests.append(body)
        return self.steps[min(len(self.requests), len(self.steps)) - 1]

    @property
    def sent(self) -> str:
        return json.dumps(self.requests)


def _chunks(text: str) -> list[str]:
    return [text[i : i + CHUNK] for i in range(0, len(text), CHUNK)]


async def _hang() -> AsyncIterator[bytes]:
    yield b": waiting\n\n"
    await asyncio.sleep(30)


def _error(code: int) -> Response:
    return JSONResponse(
        {"error": {"code": code, "message": "scripted failure", "status": "X"}}, code
    )


def openai_app(script: Script) -> Starlette:
    async def completions(request: Request) -> Response:
        step = script.next(await request.json())
        if step[0] == "status":
            return _error(step[1])
        if step[0] == "hang":
            return StreamingResponse(_hang(), media_type="text/event-stream")

        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            body = {
                "id": "chatcmpl-1",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": "gpt-4o-mini",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            return f"data: {json.dumps(body)}\n\n".encode()

        async def stream() -> AsyncIterator[bytes]:
            yield chunk({"role": "assistant", "content": ""})
            if step[0] == "tool":
                call = {
                    "index": 0,
                    "id": "call_1",
                    "type": "function",
                    "function": {"name": step[1], "arguments": json.dumps(step[2])},
                }
                yield chunk({"tool_calls": [call]}, "tool_calls")
            else:
                for piece in _chunks(step[1]):
                    await asyncio.sleep(CHUNK_PAUSE)
                    yield chunk({"content": piece})
                yield chunk({}, "stop")
            usage = {"prompt_tokens": 1200, "completion_tokens": 300, "total_tokens": 1500}
            done = {
                "id": "chatcmpl-1",
                "object": "chat.completion.chunk",
                "created": 1,
                "model": "gpt-4o-mini",
                "choices": [],
                "usage": usage,
            }
            yield f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode()

        return StreamingResponse(stream(), media_type="text/event-stream")

    return Starlette(routes=[Route("/v1/chat/completions", completions, methods=["POST"])])


def gemini_app(script: Script) -> Starlette:
    def response(parts: list[dict[str, Any]], finish: str | None) -> dict[str, Any]:
        candidate: dict[str, Any] = {"content": {"role": "model", "parts": parts}, "index": 0}
        if finish:
            candidate["finishReason"] = finish
        return {
            "candidates": [candidate],
            "usageMetadata": {"promptTokenCount": 900, "candidatesTokenCount": 250},
        }

    async def generate(request: Request) -> Response:
        step = script.next(await request.json())
        streaming = request.path_params["rest"].endswith(":streamGenerateContent")
        if step[0] == "status":
            return _error(step[1])
        if step[0] == "hang":
            return StreamingResponse(_hang(), media_type="text/event-stream")
        if step[0] == "tool":
            replies = [response([{"functionCall": {"name": step[1], "args": step[2]}}], "STOP")]
        else:
            pieces = _chunks(step[1])
            replies = [
                response([{"text": piece}], "STOP" if i == len(pieces) - 1 else None)
                for i, piece in enumerate(pieces)
            ]
        if not streaming:
            return JSONResponse(replies[-1])

        async def stream() -> AsyncIterator[bytes]:
            for reply in replies:
                await asyncio.sleep(CHUNK_PAUSE)
                yield f"data: {json.dumps(reply)}\r\n\r\n".encode()

        return StreamingResponse(stream(), media_type="text/event-stream")

    # google-genai asks for /v1/ by default, /v1beta/ when told; a compatible server has both.
    return Starlette(
        routes=[
            Route(f"/{version}/models/{{rest:path}}", generate, methods=["POST"])
            for version in ("v1", "v1beta")
        ]
    )
