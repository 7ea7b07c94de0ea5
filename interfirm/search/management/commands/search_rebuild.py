"""``manage.py search_rebuild``: rebuild the search index of published opportunities from scratch."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from interfirm.search.services import search_index_rebuild


class Command(BaseCommand):
    help = "Rebuild the search index (full text and facets) from the published opportunities."

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        indexed = search_index_rebuild()
        self.stdout.write(
            f"Indexed {indexed} published opportunities in {time.perf_counter() - start:.1f} s."
        )
