from __future__ import annotations

import pytest
from django_tasks import task_backends

from interfirm.notifications import tasks
from interfirm.notifications.models import ChannelAddress, Delivery, DeliveryStatus, Preference, Topic
from interfirm.notifications.services import delivery_send, notify

pytestmark = pytest.mark.django_db
FAILING_SMS = "interfirm.notifications.tests.factories.FailingSmsBackend"


def _notify_by_sms(user):
    Preference.objects.create(user=user, topic=Topic.DEADLINE, inbox=True, email=False, sms=True)
    ChannelAddress.objects.create(user=user, sms_number="+254712345678")
    notify(topic=Topic.DEADLINE, recipients=[user], subject="Deadline in two days", body="Renew it.")
    return Delivery.objects.get()


def test_the_send_task_sends_the_delivery(personas):
    delivery = _notify_by_sms(personas.amani_manager)

    result = tasks.delivery_send.enqueue(delivery_id=delivery.pk)

    assert result.return_value == DeliveryStatus.SENT
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_the_retry_task_reports_what_it_did(personas):
    _notify_by_sms(personas.amani_manager)

    result = tasks.deliveries_retry_due.enqueue()

    assert result.return_value == {"sent": 1, "failed": 0, "gave_up": 0, "skipped": 0}


def test_a_failure_reenqueues_the_task_for_later_when_the_backend_can_defer(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.SMS_BACKEND = FAILING_SMS
    delivery = _notify_by_sms(personas.amani_manager)

    with django_capture_on_commit_callbacks(execute=True):
        delivery_send(delivery_id=delivery.pk)

    (queued,) = task_backends["default"].results  # type: ignore[attr-defined]
    assert queued.kwargs == {"delivery_id": delivery.pk}
    assert queued.task.run_after == Delivery.objects.get().next_attempt_at


def test_a_failure_is_not_reenqueued_when_the_backend_cannot_defer(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = FAILING_SMS
    delivery = _notify_by_sms(personas.amani_manager)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        delivery_send(delivery_id=delivery.pk)

    assert callbacks == []
    assert Delivery.objects.get().status == DeliveryStatus.FAILED
