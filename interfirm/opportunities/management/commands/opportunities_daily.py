"""``manage.py opportunities_daily``: expire opportunities past their deadline and send the reminders.

Run it once a day from cron, for example at 02:15::

    15 2 * * *  cd /srv/interfirm && .venv/bin/python manage.py opportunities_daily

Running it more than once a day is harmless: nothing is expired or reminded twice.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from interfirm.opportunities.services import opportunities_expire_due, opportunity_deadline_reminders


class Command(BaseCommand):
    help = "Expire published opportunities past their deadline and remind owners of approaching deadlines."

    def handle(self, *args: Any, **options: Any) -> None:
        expired = opportunities_expire_due()
        reminded = opportunity_deadline_reminders()
        self.stdout.write(f"expired {expired}, reminders sent {reminded}")
