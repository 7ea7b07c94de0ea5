"""The daily upkeep of introductions: expire unanswered expressions of interest."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from interfirm.introductions.services import eois_expire_due


class Command(BaseCommand):
    help = "Expire the expressions of interest left unanswered past their expiry date."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = eois_expire_due()
        self.stdout.write(f"{expired} expression(s) of interest expired.")
