"""Background tasks of introductions: thin wrappers around services, safe to run again."""

from __future__ import annotations

from django_tasks import task

from interfirm.introductions.services import eois_expire_due


@task()
def introductions_expire_due() -> int:
    """Expire the open expressions of interest past their expiry date; return how many."""
    return eois_expire_due()
