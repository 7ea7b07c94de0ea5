"""Background tasks of opportunities: thin, idempotent wrappers around the daily services.

Run them once a day, through a task worker or ``manage.py opportunities_daily`` from cron.
"""

from __future__ import annotations

from django_tasks import task

from interfirm.opportunities import services


@task()
def opportunities_expire_due() -> int:
    """Expire the published opportunities whose deadline has passed; return how many."""
    return services.opportunities_expire_due()


@task()
def opportunity_deadline_reminders() -> int:
    """Remind owners of approaching deadlines (each reminder once); return how many were sent."""
    return services.opportunity_deadline_reminders()
