"""API of Insights."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["insights"])
