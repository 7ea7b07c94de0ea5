"""``manage.py load_reference``: countries, groups, languages, ISIC, NACE and the taxonomies, from data/."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from interfirm.reference import load_all_reference


class Command(BaseCommand):
    help = "Load the reference data shipped under data/ and the taxonomies (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        for label, report in load_all_reference().items():
            self.stdout.write(f"{label}: {report}")
