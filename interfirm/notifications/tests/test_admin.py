from __future__ import annotations

import pytest
from django.urls import reverse

from interfirm.notifications.models import Delivery, DeliveryStatus, SmsMessage, Topic
from interfirm.notifications.services import notify
from interfirm.testing import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_(db):
    return client_for(make_user("root@interfirm.example", is_staff=True, is_superuser=True))


def test_the_outbox_filters_by_status(personas, admin_client_):
    notify(topic=Topic.REVIEW, recipients=[personas.amani_manager], subject="Reviewed", body="")

    response = admin_client_.get(reverse("admin:notifications_delivery_changelist"), {"status": "pending"})

    assert response.status_code == 200
    assert [d.channel for d in response.context["cl"].result_list] == ["email"]


def test_retry_now_sends_a_failed_delivery_again(personas, admin_client_, django_capture_on_commit_callbacks):
    notify(topic=Topic.REVIEW, recipients=[personas.amani_manager], subject="Reviewed", body="")
    Delivery.objects.update(status=DeliveryStatus.FAILED, attempts=2, last_error="SMTPServerDisconnected")
    delivery = Delivery.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            reverse("admin:notifications_delivery_changelist"),
            {"action": "retry_now", "_selected_action": [delivery.pk]},
        )

    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 3, "")


def test_the_sms_outbox_is_read_only(admin_client_):
    message = SmsMessage.objects.create(to="+254712345678", body="Hello")

    listing = admin_client_.get(reverse("admin:notifications_smsmessage_changelist"))
    add = admin_client_.get(reverse("admin:notifications_smsmessage_add"))
    change = admin_client_.post(
        reverse("admin:notifications_smsmessage_change", args=[message.pk]), {"to": "+1", "body": "x"}
    )

    assert (listing.status_code, add.status_code, change.status_code) == (200, 403, 403)
    assert SmsMessage.objects.get().to == "+254712345678"
