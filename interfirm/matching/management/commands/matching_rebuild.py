"""``manage.py matching_rebuild``: rebuild the matching index and drop the stored suggestions."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from interfirm.matching.services import matching_rebuild


class Command(BaseCommand):
    help = "Rebuild the matching index from the database (suggestions are then computed afresh)."

    def handle(self, *args: Any, **options: Any) -> None:
        report = matching_rebuild()
        self.stdout.write(
            f"Indexed {report.opportunities} opportunities and {report.firms} firms in {report.seconds:.1f} s "
            f"(version {report.version}); {report.precomputed} suggestions computed."
        )
