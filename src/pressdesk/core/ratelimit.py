"""A fixed-window rate limit shared by all processes (through the database cache)."""

from __future__ import annotations

import time

from django.core.cache import cache


def hit(scope: str, key: str, *, limit: int, window_seconds: int) -> bool:
    """Count one hit; False when ``limit`` hits were already counted in this window."""
    window = int(time.time() // window_seconds)
    name = f"rl:{scope}:{key}:{window}"
    cache.add(name, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit
