"""The daily follow-up of partnerships: check-ins falling due, reminders, early warnings."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from interfirm.partnerships.services import partnerships_daily


class Command(BaseCommand):
    help = (
        "Schedule the check-ins that fell due, remind parties and intermediaries, and raise the early "
        "warnings of every partnership that has not ended. Safe to run more than once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", type=datetime.date.fromisoformat, help="Run as of this date (YYYY-MM-DD)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = partnerships_daily(today=options.get("date"))
        self.stdout.write(
            f"{report.check_ins_created} check-in(s) scheduled, {report.check_in_reminders} check-in reminder(s), "
            f"{report.warnings_raised} early warning(s) raised, {report.task_reminders} task reminder(s)."
        )
