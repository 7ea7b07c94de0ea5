"""``manage.py notifications_send``: send every notification delivery that is waiting or due for a retry.

Run it every few minutes (cron, or a loop beside the task worker): it is the safety net that sends
what a lost task left behind, so a failed send is retried even if the task queue dropped it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from interfirm.notifications.services import deliveries_retry_due


class Command(BaseCommand):
    help = "Send the notification deliveries (e-mail, SMS) that are waiting or due for a retry."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=500, help="at most this many deliveries (default 500)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = deliveries_retry_due(limit=options["limit"])
        self.stdout.write(
            f"sent {report.sent}, failed {report.failed}, gave up {report.gave_up}, skipped {report.skipped}"
        )
