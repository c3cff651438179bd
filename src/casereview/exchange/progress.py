"""Progress of long work, on a terminal only: quiet when the output is piped or captured."""

from __future__ import annotations

import time
from typing import Any, TextIO


class TerminalProgress:
    """Rewrites one line of the terminal ("creating referrals: 4000 of 10000"), at most ten
    times a second; writes nothing when `stream` is not a terminal."""

    def __init__(self, stream: TextIO | Any, *, interval: float = 0.1) -> None:
        isatty = getattr(stream, "isatty", None)
        self.stream = stream
        self.enabled = bool(isatty and isatty())
        self.interval = interval
        self.last = 0.0
        self.width = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if done < total and now - self.last < self.interval:
            return
        self.last = now
        line = f"{stage}: {done} of {total}"
        self.stream.write("\r" + line.ljust(self.width))
        self.width = len(line)
        self.stream.flush()

    def finish(self) -> None:
        """Clear the progress line before the closing message."""
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
