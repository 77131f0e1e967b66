"""The two model providers behind one interface: a streamed chat turn that may call tools.

OpenAI goes through the official ``openai`` SDK (chat completions, so any OpenAI-compatible
server works at ``ai_openai_base_url``); Gemini through ``google-genai`` (``ai_gemini_base_url``
for a compatible server). Neither SDK retries on its own: the router owns the retry budget, so
errors come out typed, ``ProviderUnavailable`` (worth another attempt) or ``ProviderRefused``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

import httpx
import openai
from google import genai
from google.genai import errors as genai_errors
from google.genai import types as genai_types

from backend.health.tools import ToolSpec
from core.errors import PermanentError, RetryableError
from workers.health.pricing import MAX_OUTPUT_TOKENS, estimate_tokens

OnText = Callable[[str], Awaitable[None]]
T = TypeVar("T")
RETRYABLE_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


class ProviderUnavailable(RetryableError):
    """Timeout, connection refused, 429 or 5xx: another attempt may succeed."""


class ProviderRefused(PermanentError):
    """Bad key, unknown model, a request it will never take: stop asking this provider."""


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: dict[str, Any]


@dataclass
class Message:
    role: Literal["system", "user", "assistant", "tool"]
    content: str = ""
    tool_calls: list[ToolCall] = field(default_factory=list)
    tool_call_id: str | None = None
    name: str | None = None  # the tool's, on a tool message


@dataclass
class Reply:
    text: str
    tool_calls: list[ToolCall]
    tokens_in: int
    tokens_out: int


class Provider(Protocol):
    name: str
    model: str

    async def complete(
        self, messages: Sequence[Message], tools: Sequence[ToolSpec], on_text: OnText
    ) -> Reply: ...


def _arguments(raw: str | dict[str, Any] | None) -> dict[str, Any]:
    if isinstance(raw, dict):
        return raw
    try:
        parsed = json.loads(raw or "{}")
    except json.JSONDecodeError:
        return {"_unparsed": (raw or "")[:500]}
    return parsed if isinstance(parsed, dict) else {"_unparsed": str(parsed)[:500]}


async def _paced(stream: AsyncIterator[T], idle_seconds: float) -> AsyncIterator[T]:
    """The stream's items, each within ``idle_seconds``: a stream that stalls is given up, one that
    keeps coming is not cut short (its length is bounded by MAX_OUTPUT_TOKENS)."""
    iterator = aiter(stream)
    try:
        while True:
            try:
                async with asyncio.timeout(idle_seconds):
                    item = await anext(iterator)
            except StopAsyncIteration:
                return
            yield item
    finally:
        # Give the connection back at once, not when the stream is collected.
        close = getattr(stream, "aclose", None) or getattr(stream, "close", None)
        if close is not None:
            await close()


def _prompt_tokens(messages: Sequence[Message]) -> int:
    return sum(estimate_tokens(m.content) for m in messages)


class OpenAIProvider:
    name = "openai"

    def __init__(self, api_key: str, base_url: str | None, model: str, timeout: float) -> None:
        self.model, self.timeout = model, timeout
        self._client = openai.AsyncOpenAI(
            api_key=api_key, base_url=base_url or None, timeout=timeout, max_retries=0
        )

    @staticmethod
    def _message(message: Message) -> dict[str, Any]:
        if message.role == "tool":
            return {
                "role": "tool",
                "tool_call_id": message.tool_call_id,
                "content": message.content,
            }
        body: dict[str, Any] = {"role": message.role, "content": message.content}
        if message.tool_calls:
            body["tool_calls"] = [
                {
                    "id": call.id,
                    "type": "function",
                    "function": {"name": call.name, "arguments": json.dumps(call.arguments)},
                }
                for call in message.tool_calls
            ]
        return body

    async def complete(
        self, messages: Sequence[Message], tools: Sequence[ToolSpec], on_text: OnText
    ) -> Reply:
        request: dict[str, Any] = {
            "model": self.model,
            "messages": [self._message(m) for m in messages],
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": MAX_OUTPUT_TOKENS,
            "response_format": {"type": "json_object"},
        }
        if tools:
            request["tools"] = [
                {
                    "type": "function",
                    "function": {
                        "name": t.name,
                        "description": t.description,
                        "parameters": t.parameters,
                    },
                }
                for t in tools
            ]
        text: list[str] = []
        calls: dict[int, dict[str, str]] = {}
        usage: tuple[int, int] | None = None
        try:
            async with asyncio.timeout(self.timeout):
                stream = await self._client.chat.completions.create(**request)
            async for chunk in _paced(stream, self.timeout):
                if chunk.usage is not None:
                    usage = (chunk.usage.prompt_tokens, chunk.usage.completion_tokens)
                for choice in chunk.choices:
                    delta = choice.delta
                    if delta.content:
                        text.append(delta.content)
                        await on_text(delta.content)
                    for part in delta.tool_calls or []:
                        call = calls.setdefault(part.index, {"id": "", "name": "", "args": ""})
                        call["id"] = part.id or call["id"]
                        if part.function is not None:
                            call["name"] += part.function.name or ""
                            call["args"] += part.function.arguments or ""
        except TimeoutError as error:
            raise ProviderUnavailable(f"nothing received for {self.timeout:g}s") from error
        except openai.APIStatusError as error:
            retry_after = _retry_after(error.response.headers.get("retry-after"))
            message = f"HTTP {error.status_code}: {error.message}"[:300]
            if error.status_code in RETRYABLE_STATUS:
                raise ProviderUnavailable(message, retry_after_seconds=retry_after) from error
            raise ProviderRefused(message) from error
        except (openai.APIConnectionError, httpx.TransportError) as error:
            raise ProviderUnavailable(f"connection failed: {type(error).__name__}") from error
        except openai.OpenAIError as error:
            raise ProviderUnavailable(f"{type(error).__name__}: {error}"[:300]) from error
        body = "".join(text)
        tokens_in, tokens_out = usage or (_prompt_tokens(messages), estimate_tokens(body))
        return Reply(
            text=body,
            tool_calls=[
                ToolCall(id=c["id"] or f"call_{i}", name=c["name"], arguments=_arguments(c["args"]))
                for i, c in sorted(calls.items())
            ],
            tokens_in=tokens_in,
            tokens_out=tokens_out,
        )


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


class GeminiProvider:
    name = "gemini"

    def __init__(self, api_key: str, base_url: str | None, model: str, timeout: float) -> None:
        self.model, self.timeout = model, timeout
        self._client = genai.Client(
            api_key=api_key,
            http_options=genai_types.HttpOptions(
                base_url=base_url or None, timeout=int(timeout * 1000)
            ),
        )

    @staticmethod
    def _contents(messages: Sequence[Message]) -> list[genai_types.Content]:
        contents: list[genai_types.Content] = []
        for message in messages:
            if message.role == "system":
                continue
            if message.role == "tool":
                part = genai_types.Part(
                    function_response=genai_types.FunctionResponse(
                        id=message.tool_call_id,
                        name=message.name,
                        response={"result": _arguments(message.content)},
                    )
                )
                last = contents[-1] if contents else None
                if (
                    last is not None
                    and last.role == "user"
                    and last.parts
                    and any(p.function_response for p in last.parts)
                ):
                    last.parts.append(part)  # one turn answers every call of the turn before
                else:
                    contents.append(genai_types.Content(role="user", parts=[part]))
                continue
            parts = [genai_types.Part(text=message.content)] if message.content else []
            parts += [
                genai_types.Part(
                    function_call=genai_types.FunctionCall(
                        id=call.id, name=call.name, args=call.arguments
                    )
                )
                for call in message.tool_calls
            ]
            role = "model" if message.role == "assistant" else "user"
            contents.append(genai_types.Content(role=role, parts=parts))
        return contents

    def _config(
        self, messages: Sequence[Message], tools: Sequence[ToolSpec]
    ) -> genai_types.GenerateContentConfig:
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        declarations = [
            genai_types.FunctionDeclaration(
                name=t.name, description=t.description, parameters_json_schema=t.parameters
            )
            for t in tools
        ]
        return genai_types.GenerateContentConfig(
            system_instruction=system or None,
            max_output_tokens=MAX_OUTPUT_TOKENS,
            tools=[genai_types.Tool(function_declarations=declarations)] if declarations else None,
            automatic_function_calling=genai_types.AutomaticFunctionCallingConfig(disable=True),
            # Gemini takes a JSON answer only from a turn that offers no function.
            response_mime_type=None if declarations else "application/json",
        )

    async def complete(
        self, messages: Sequence[Message], tools: Sequence[ToolSpec], on_text: OnText
    ) -> Reply:
        text: list[str] = []
        calls: list[ToolCall] = []
        usage: tuple[int, int] | None = None
        try:
            async with asyncio.timeout(self.timeout):
                stream = await self._client.aio.models.generate_content_stream(
                    model=self.model,
                    contents=self._contents(messages),
                    config=self._config(messages, tools),
                )
            async for chunk in _paced(stream, self.timeout):
                if chunk.usage_metadata is not None:
                    usage = (
                        chunk.usage_metadata.prompt_token_count or 0,
                        chunk.usage_metadata.candidates_token_count or 0,
                    )
                for candidate in chunk.candidates or []:
                    for part in (candidate.content.parts if candidate.content else None) or []:
                        if part.text and not part.thought:
                            text.append(part.text)
                            await on_text(part.text)
                        if part.function_call is not None and part.function_call.name:
                            call = part.function_call
                            calls.append(
                                ToolCall(
                                    id=call.id or f"call_{len(calls)}",
                                    name=call.name or "",
                                    arguments=dict(call.args or {}),
                                )
                            )
        except TimeoutError as error:
            raise ProviderUnavailable(f"nothing received for {self.timeout:g}s") from error
        except genai_errors.APIError as error:
            message = f"HTTP {error.code}: {error.message or error.status}"[:300]
            if error.code in RETRYABLE_STATUS:
                raise ProviderUnavailable(message) from error
            raise ProviderRefused(message) from error
        except httpx.TransportError as error:
            raise ProviderUnavailable(f"connection failed: {type(error).__name__}") from error
        body = "".join(text)
        tokens_in, tokens_out = usage or (_prompt_tokens(messages), estimate_tokens(body))
        return Reply(text=body, tool_calls=calls, tokens_in=tokens_in, tokens_out=tokens_out)
