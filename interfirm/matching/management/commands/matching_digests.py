"""``manage.py matching_digests``: send the saved searches' digests that are due (run it hourly or daily
from cron or the worker; each search is sent at its own frequency, each opportunity once)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from interfirm.matching.services import saved_searches_send_due


class Command(BaseCommand):
    help = "Send the daily and weekly digests of saved searches that are due."

    def handle(self, *args: Any, **options: Any) -> None:
        report = saved_searches_send_due()
        self.stdout.write(
            f"{report.searches} saved searches due, {report.digests} digests sent, "
            f"{report.opportunities} opportunities listed."
        )
