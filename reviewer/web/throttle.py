"""Sign-in throttling: after ``limit`` wrong passwords within ``window`` seconds, the account
and the address are each refused until the oldest failure leaves the window.

Counts are kept in this process (a restart clears them); both keys are checked, so guessing
many accounts from one address and one account from many addresses are both slowed.
"""

from __future__ import annotations

import threading
import time
from collections import deque


class Throttle:
    def __init__(self, limit: int = 5, window: float = 900.0, clock=time.monotonic):
        self.limit = limit
        self.window = window
        self.clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, *keys: str) -> float:
        """Seconds until a sign-in may be tried for all ``keys`` (0: now)."""
        now = self.clock()
        longest = 0.0
        with self._lock:
            for key in keys:
                times = self._recent(key, now, keep=False)  # asking stores nothing
                if len(times) >= self.limit:
                    longest = max(longest, times[0] + self.window - now)
        return longest

    def fail(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def clear(self, key: str) -> None:
        with self._lock:
            self._failures.pop(key, None)

    def _recent(self, key: str, now: float, keep: bool = True) -> deque[float]:
        """The key's failures within the window; a key with none left is forgotten unless ``keep``."""
        times = self._failures.get(key) or deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if times or keep:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times
