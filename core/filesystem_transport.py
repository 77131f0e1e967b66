"""The embedded broker's transport: kombu's filesystem transport, with messages kept in the
order they were sent.

kombu names each message file after the millisecond it was written plus a random id and hands
them out in name order, so two messages sent within one millisecond (a clip's renders, queued
together after a commit) come out in random order. The best clip must render first, so the
names here start with a zero-padded nanosecond clock instead: unique and in order across the
processes of one machine (the clock is the system's monotonic one).
"""

from __future__ import annotations

import os
import time
import uuid
from typing import Any

from kombu.transport import filesystem
from kombu.utils.json import dumps


class Channel(filesystem.Channel):
    def _put(self, queue: Any, message: Any, **kwargs: Any) -> None:  # type: ignore[override]
        name = f"{time.monotonic_ns():020d}_{uuid.uuid4()}.{queue}.msg"
        temporary = os.path.join(self.data_folder_out, f".{name}.part")
        # Written under another name first, then renamed: a reader never sees half a message.
        with open(temporary, "wb", buffering=0) as handle:
            handle.write(str(dumps(message)).encode())  # type: ignore[no-untyped-call]
        os.replace(temporary, os.path.join(self.data_folder_out, name))


class Transport(filesystem.Transport):
    Channel = Channel
