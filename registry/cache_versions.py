"""Version counters kept in the shared cache: what is cached under a version is forgotten at once,
in every process, by raising the version (no key to find and delete).

Used by the page cache (registry.page_cache), the cached routing and navigation (cms.routing) and
the read model's earliest due day (agreements.published_read_model).
"""

import time

from django.core.cache import cache
from django.db import transaction


class CacheVersion:
    def __init__(self, key: str):
        self.key = key

    @staticmethod
    def _first() -> int:
        # The clock in nanoseconds, not 1: if the cache loses the key (evicted, flushed), the
        # version starts again above every value it had, so nothing kept under an old one returns.
        return time.time_ns()

    def current(self) -> int:
        version = cache.get(self.key)
        if version is None:
            cache.add(self.key, self._first(), timeout=None)
            version = cache.get(self.key) or self._first()
        return version

    def raise_now(self) -> None:
        try:
            cache.incr(self.key)
        except ValueError:  # not set yet, or evicted
            cache.add(self.key, self._first(), timeout=None)

    def raise_now_and_on_commit(self) -> None:
        """Now (so this transaction's own reads see the change) and again once the transaction
        commits (so no other process keeps what it read before the commit under the new
        version)."""
        self.raise_now()
        transaction.on_commit(self.raise_now)
