"""Fixed-window rate limits in the shared cache (Redis, or the database cache without it).

Every web worker sees the same counters because the cache is shared; a per-process limiter
would let N workers accept N times the limit.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def parse_rate(rate: str) -> tuple[int, int]:
    """'20/h' → (20, 3600). Units: s, m, h, d."""
    count, _sep, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip()[:1].lower()]
    return int(count), seconds


def hit(scope: str, key: str, rate: str) -> bool:
    """Count one attempt; False once the limit for this window is passed."""
    limit, window = parse_rate(rate)
    bucket = int(time.time() // window)
    cache_key = f"rl:{scope}:{key}:{bucket}"
    # add() is atomic on every backend we use: the first request of a window creates the key.
    if cache.add(cache_key, 1, timeout=window + 5):
        return limit >= 1
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window + 5)
        count = 1
    return count <= limit
