"""Bounds of the API's paging parameters.

A database takes an offset only up to its integer range (SQLite: 2**63 - 1), and no list of the
exchange comes near these bounds; a page number or an offset above them answers 422 naming the
parameter, rather than failing in the database.
"""

from __future__ import annotations

MAX_PAGE = 100_000
MAX_OFFSET = 10_000_000
