"""A short-lived cache of facet counts, so that the browse page and popular filters do not count the
whole index on every visit.

Counts are cached under the index's *version*: a random token in the shared cache that every change
of the index replaces (when it is made and again after it commits), so a cached count never outlives
the index it was counted on by more than the race of one request. ``SEARCH_FACET_CACHE_SECONDS``
bounds the rest (0 turns the cache off; the test suite runs with it off).
"""

from __future__ import annotations

import hashlib
import uuid
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

_VERSION_KEY = "search:index-version"


def _new_version() -> None:
    cache.set(_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def index_changed() -> None:
    """Record that the index changed: cached counts no longer apply (now, and once committed)."""
    _new_version()
    transaction.on_commit(_new_version)


def cached(parts: tuple[Any, ...], compute: Any) -> Any:
    """Return the counts for the search described by ``parts``, from the cache or from ``compute()``."""
    seconds = settings.SEARCH_FACET_CACHE_SECONDS
    if not seconds:
        return compute()
    version = cache.get(_VERSION_KEY)
    if version is None:
        _new_version()
        version = cache.get(_VERSION_KEY)
    key = f"search:counts:{version}:{hashlib.sha256(repr(parts).encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, timeout=seconds)
    return found
