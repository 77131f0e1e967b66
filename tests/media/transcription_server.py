"""A local OpenAI-compatible transcription server for the tests: answers
``POST /v1/audio/transcriptions`` like a self-hosted faster-whisper server would, either with
word timestamps or with segments only, and remembers what it was sent."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# The friday clip's dialogue (tests/fixtures/media/ATTRIBUTION.md), with word times inside the
# caption cues of its friday.vtt: what a good server would answer.
FRIDAY_WORDS = [
    ("Hildy!", 0.12, 0.9), ("How", 1.0, 1.17), ("are", 1.17, 1.33), ("you?", 1.33, 1.5),
    ("Tell", 1.5, 1.56), ("me,", 1.56, 1.74), ("is", 1.74, 1.82), ("the", 1.82, 1.94),
    ("lord", 1.94, 2.08), ("of", 2.08, 2.22), ("the", 2.22, 2.26), ("universe", 2.26, 2.56),
    ("in?", 2.56, 2.86), ("Yes,", 3.0, 3.06), ("he's", 3.26, 3.46), ("in", 3.46, 3.54),
    ("in", 3.54, 3.62), ("a", 3.62, 3.86), ("bad", 3.86, 4.1), ("humor.", 4.1, 4.3),
    ("Somebody", 4.64, 4.8), ("must've", 4.8, 5.06), ("stolen", 5.06, 5.22), ("the", 5.22, 5.46),
    ("crown", 5.46, 5.74), ("jewels.", 5.74, 6.0),
]  # fmt: skip
FRIDAY_SEGMENTS = [
    ("Hildy!", 0.0, 1.0),
    ("How are you?", 1.0, 1.5),
    ("Tell me, is the lord of the universe in?", 1.5, 3.0),
    ("Yes, he's in - in a bad humor.", 3.0, 4.3),
    ("Somebody must've stolen the crown jewels.", 4.3, 6.0),
]


@dataclass
class Served:
    url: str
    requests: list[dict[str, Any]] = field(default_factory=list)


@contextmanager
def transcription_server(mode: str) -> Iterator[Served]:
    """``mode``: "words" (word timestamps) or "segments" (segments only, as servers that cannot
    time words answer)."""
    served = Served("")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            served.requests.append(
                {
                    "path": self.path,
                    "authorization": self.headers.get("Authorization"),
                    "model": b'name="model"\r\n\r\nlocal-whisper' in body,
                    "audio_bytes": len(body),
                }
            )
            if self.path != "/v1/audio/transcriptions":
                self._reply(404, {"error": {"message": "not found"}})
                return
            text = " ".join(word for word, _, _ in FRIDAY_WORDS)
            answer: dict[str, Any] = {"text": text, "language": "en"}
            if mode == "words":
                answer["words"] = [{"word": w, "start": a, "end": b} for w, a, b in FRIDAY_WORDS]
            else:
                answer["segments"] = [
                    {"id": n, "text": t, "start": a, "end": b}
                    for n, (t, a, b) in enumerate(FRIDAY_SEGMENTS)
                ]
            self._reply(200, answer)

        def _reply(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()
