"""Background tasks of notifications: thin wrappers around the sending services."""

from __future__ import annotations

from django_tasks import task

from interfirm.notifications import services


@task()
def delivery_send(*, delivery_id: int) -> str | None:
    """Send one delivery (skipped if already sent or not due); return its new status."""
    return services.delivery_send(delivery_id=delivery_id)


@task()
def deliveries_retry_due() -> dict[str, int]:
    """Send every delivery that is waiting or failed and due; return the counts."""
    return services.deliveries_retry_due().as_dict()
