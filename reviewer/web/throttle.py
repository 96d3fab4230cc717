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

    def take(self, *keys: str) -> float:
        """Check and count in one step: when every key is under its limit, one attempt is counted
        on each and 0 returned; else the seconds to wait, nothing counted. (Checking with ``wait``
        and counting with ``fail`` afterwards let many attempts sent at once all pass the check.)"""
        now = self.clock()
        with self._lock:
            longest = 0.0
            for key in keys:
                times = self._recent(key, now, keep=False)
                if len(times) >= self.limit:
                    longest = max(longest, times[0] + self.window - now)
            if longest > 0:
                return longest
            for key in keys:
                self._recent(key, now).append(now)
        return 0.0

    def give_back(self, *keys: str) -> None:
        """Uncount one attempt counted by ``take`` that turned out not to count (a right password,
        a receipt found, a suggestion refused before it was recorded)."""
        with self._lock:
            for key in keys:
                times = self._failures.get(key)
                if times:
                    times.pop()
                if not times:
                    self._failures.pop(key, None)

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
