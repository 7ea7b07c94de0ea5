from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from interfirm.accounts.models import Role
from interfirm.audit.models import AuditEntry
from interfirm.notifications.models import (
    Channel,
    ChannelAddress,
    Delivery,
    DeliveryStatus,
    Notification,
    Preference,
    SmsMessage,
    Topic,
)
from interfirm.notifications.services import (
    deliveries_retry_due,
    deliveries_retry_now,
    delivery_send,
    notification_mark_read,
    notifications_mark_all_read,
    notify,
    preferences_update,
)
from interfirm.notifications.tests.factories import represent
from interfirm.testing import add_member, make_firm, make_intermediary, make_user

FAILING_SMS = "interfirm.notifications.tests.factories.FailingSmsBackend"
pytestmark = pytest.mark.django_db


def _notify(recipients, **extra):
    fields = {
        "topic": Topic.NEW_EXPRESSION,
        "subject": "A new expression of interest",
        "body": "Have a look.",
    }
    return notify(recipients=recipients, **{**fields, **extra})


def _sms_on(user, number="+254712345678"):
    Preference.objects.create(user=user, topic=Topic.NEW_EXPRESSION, inbox=True, email=False, sms=True)
    ChannelAddress.objects.create(user=user, sms_number=number)


# --- Who is notified ---------------------------------------------------------------------------


def test_notify_to_a_firm_organisation_reaches_all_its_members(personas):
    colleague = make_user("colleague@amanifresh.example")
    add_member(colleague, personas.kenyan_sme.organisation, Role.MEMBER)

    notifications = _notify([personas.kenyan_sme.organisation])

    assert sorted(n.recipient.email for n in notifications) == [
        "colleague@amanifresh.example",
        "wanjiru@amanifresh.example",
    ]
    assert {n.on_behalf_of for n in notifications} == {None}


def test_notify_to_a_user_reaches_only_that_user(personas):
    notifications = _notify([personas.rheinwerk_manager])

    assert [n.recipient for n in notifications] == [personas.rheinwerk_manager]


def test_notify_refuses_a_firm_instead_of_its_organisation(personas):
    with pytest.raises(TypeError):
        _notify([personas.kenyan_sme])


def test_notify_skips_inactive_members(personas):
    personas.amani_manager.is_active = False
    personas.amani_manager.save()

    assert _notify([personas.kenyan_sme.organisation]) == []


def test_a_firm_with_an_intermediary_contact_channel_also_reaches_the_intermediary(personas):
    represent(personas.kenyan_sme, personas.chamber, contact_channel=True)

    notifications = _notify([personas.kenyan_sme.organisation])

    by_user = {n.recipient: n for n in notifications}
    assert set(by_user) == {personas.amani_manager, personas.chamber_staff}
    assert by_user[personas.amani_manager].on_behalf_of is None
    assert by_user[personas.amani_manager].subject == "A new expression of interest"
    assert by_user[personas.chamber_staff].on_behalf_of == personas.kenyan_sme.organisation
    assert (
        by_user[personas.chamber_staff].subject == "For Amani Fresh Foods Ltd: A new expression of interest"
    )


def test_an_intermediary_that_is_not_the_contact_channel_is_not_notified(personas):
    represent(personas.kenyan_sme, personas.chamber, contact_channel=False)

    notifications = _notify([personas.kenyan_sme.organisation])

    assert [n.recipient for n in notifications] == [personas.amani_manager]


def test_a_firm_without_users_reaches_its_representing_intermediary_instead(personas):
    offline_firm = make_firm("Kisumu Fish Smokers Cooperative")
    represent(offline_firm, personas.chamber, contact_channel=False)

    notifications = _notify([offline_firm.organisation])

    assert [(n.recipient, n.on_behalf_of) for n in notifications] == [
        (personas.chamber_staff, offline_firm.organisation)
    ]


def test_an_ended_representation_no_longer_reaches_the_intermediary(personas):
    representation = represent(personas.kenyan_sme, personas.chamber)
    representation.ended_at = timezone.now()
    representation.save()

    assert [n.recipient for n in _notify([personas.kenyan_sme.organisation])] == [personas.amani_manager]


def test_a_user_reached_directly_and_as_intermediary_is_notified_once_directly(personas):
    represent(personas.kenyan_sme, personas.chamber)

    notifications = _notify([personas.kenyan_sme.organisation, personas.chamber.organisation])

    assert sorted((n.recipient.email, n.on_behalf_of) for n in notifications) == [
        ("otieno@kenyachamber.example", None),
        ("wanjiru@amanifresh.example", None),
    ]


def test_a_user_named_twice_is_notified_once(personas):
    notifications = _notify(
        [personas.amani_manager, personas.kenyan_sme.organisation, personas.amani_manager]
    )

    assert [n.recipient for n in notifications] == [personas.amani_manager]


def test_lazy_texts_are_rendered_in_each_recipients_language(personas):
    personas.amani_manager.preferred_language = "fr"
    personas.amani_manager.save()

    with translation.override("en"):
        # A string Django itself translates, so that the test does not depend on our catalogues.
        (notification,) = _notify([personas.amani_manager], subject=gettext_lazy("Email address"))

    assert notification.subject == "Adresse électronique"


# --- Preferences and deliveries -----------------------------------------------------------------


def test_by_default_a_user_gets_the_inbox_and_an_email_but_no_sms(personas):
    ChannelAddress.objects.create(user=personas.amani_manager, sms_number="+254712345678")

    (notification,) = _notify([personas.amani_manager])

    assert notification.in_inbox is True
    assert list(notification.deliveries.values_list("channel", "address")) == [
        (Channel.EMAIL, "wanjiru@amanifresh.example")
    ]


def test_preferences_are_respected_sms_on_email_off(personas):
    _sms_on(personas.amani_manager)

    (notification,) = _notify([personas.amani_manager])

    assert list(notification.deliveries.values_list("channel", "address")) == [(Channel.SMS, "+254712345678")]


def test_a_preference_for_another_topic_does_not_apply(personas):
    Preference.objects.create(user=personas.amani_manager, topic=Topic.DEADLINE, inbox=True, email=False)

    (notification,) = _notify([personas.amani_manager])

    assert list(notification.deliveries.values_list("channel", flat=True)) == [Channel.EMAIL]


def test_sms_without_a_number_makes_no_sms_delivery(personas):
    Preference.objects.create(user=personas.amani_manager, topic=Topic.NEW_EXPRESSION, email=False, sms=True)

    (notification,) = _notify([personas.amani_manager])

    assert notification.deliveries.count() == 0


def test_inbox_off_keeps_the_notification_out_of_the_inbox_but_delivers_the_email(personas):
    Preference.objects.create(
        user=personas.amani_manager, topic=Topic.NEW_EXPRESSION, inbox=False, email=True
    )

    (notification,) = _notify([personas.amani_manager])

    assert notification.in_inbox is False
    assert list(notification.deliveries.values_list("channel", flat=True)) == [Channel.EMAIL]


def test_all_channels_off_notifies_nobody(personas):
    Preference.objects.create(
        user=personas.amani_manager, topic=Topic.NEW_EXPRESSION, inbox=False, email=False, sms=False
    )

    assert _notify([personas.amani_manager]) == []
    assert Notification.objects.count() == 0


# --- Sending after commit -----------------------------------------------------------------------


def test_nothing_is_sent_before_the_transaction_commits(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _notify([personas.amani_manager])

    assert len(callbacks) == 1
    assert mail.outbox == []
    assert Delivery.objects.get().status == DeliveryStatus.PENDING


def test_after_commit_the_email_is_sent(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([personas.amani_manager], url="/introductions/7/")

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SENT, 1)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["wanjiru@amanifresh.example"]
    assert message.subject == "[interfirm] A new expression of interest"
    assert "Have a look." in message.body
    assert "http://127.0.0.1:8000/introductions/7/" in message.body


def test_after_commit_the_sms_is_recorded_in_the_sms_outbox(personas, django_capture_on_commit_callbacks):
    _sms_on(personas.amani_manager)

    with django_capture_on_commit_callbacks(execute=True):
        _notify([personas.amani_manager], url="/introductions/7/")

    assert list(SmsMessage.objects.values_list("to", "body")) == [
        ("+254712345678", "interfirm: A new expression of interest http://127.0.0.1:8000/introductions/7/")
    ]
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert mail.outbox == []


def test_a_failing_sms_backend_leaves_the_delivery_failed_and_the_notification_intact(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = FAILING_SMS
    _sms_on(personas.amani_manager)

    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = _notify([personas.amani_manager])

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 1)
    assert delivery.last_error == "GatewayDown: gateway unreachable"
    assert delivery.next_attempt_at > timezone.now()
    assert Notification.objects.filter(pk=notification.pk, recipient=personas.amani_manager).exists()


def test_a_failed_delivery_is_sent_by_the_next_retry_run(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = FAILING_SMS
    _sms_on(personas.amani_manager)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([personas.amani_manager])
    settings.SMS_BACKEND = "interfirm.notifications.channels.RecordingSmsBackend"

    report = deliveries_retry_due(now=timezone.now() + datetime.timedelta(hours=1))

    assert report.as_dict() == {"sent": 1, "failed": 0, "gave_up": 0, "skipped": 0}
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_error) == (DeliveryStatus.SENT, 2, "")
    assert SmsMessage.objects.count() == 1


def test_a_failed_delivery_is_not_retried_before_its_time(
    personas, settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = FAILING_SMS
    _sms_on(personas.amani_manager)
    with django_capture_on_commit_callbacks(execute=True):
        _notify([personas.amani_manager])

    assert deliveries_retry_due().as_dict() == {"sent": 0, "failed": 0, "gave_up": 0, "skipped": 0}
    assert Delivery.objects.get().attempts == 1


def test_retries_back_off_exponentially(personas, settings):
    settings.SMS_BACKEND = FAILING_SMS
    settings.NOTIFICATION_RETRY_BASE_SECONDS = 300
    _sms_on(personas.amani_manager)
    _notify([personas.amani_manager])
    delivery = Delivery.objects.get()
    now = timezone.now()

    delivery_send(delivery_id=delivery.pk, now=now)
    first = Delivery.objects.get().next_attempt_at
    delivery_send(delivery_id=delivery.pk, now=first)
    second = Delivery.objects.get().next_attempt_at

    assert (first - now, second - first) == (datetime.timedelta(minutes=5), datetime.timedelta(minutes=10))


def test_a_delivery_is_given_up_after_the_maximum_attempts(personas, settings):
    settings.SMS_BACKEND = FAILING_SMS
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    _sms_on(personas.amani_manager)
    (notification,) = _notify([personas.amani_manager])
    later = timezone.now() + datetime.timedelta(days=30)

    statuses = [deliveries_retry_due(now=later + datetime.timedelta(days=i)).as_dict() for i in range(4)]

    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.GAVE_UP, 3)
    assert [s["failed"] for s in statuses] == [1, 1, 0, 0]
    assert [s["gave_up"] for s in statuses] == [0, 0, 1, 0]
    assert Notification.objects.filter(pk=notification.pk).exists()


def test_a_sent_delivery_is_not_sent_again(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify([personas.amani_manager])
    delivery = Delivery.objects.get()

    result = delivery_send(delivery_id=delivery.pk, now=timezone.now() + datetime.timedelta(days=1))

    assert result is None
    assert len(mail.outbox) == 1
    assert Delivery.objects.get().attempts == 1


def test_retry_now_gives_a_given_up_delivery_one_more_attempt(personas, settings):
    settings.SMS_BACKEND = FAILING_SMS
    settings.NOTIFICATION_MAX_ATTEMPTS = 1
    _sms_on(personas.amani_manager)
    _notify([personas.amani_manager])
    deliveries_retry_due()
    settings.SMS_BACKEND = "interfirm.notifications.channels.RecordingSmsBackend"
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.GAVE_UP

    count = deliveries_retry_now(actor=personas.operator_user, deliveries=[delivery])
    deliveries_retry_due()

    assert count == 1
    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert (
        AuditEntry.objects.filter(action="notifications.delivery_retry", object_id=str(delivery.pk)).count()
        == 1
    )


def test_the_send_command_sends_waiting_deliveries(personas):
    _notify([personas.amani_manager])  # inside the test's transaction: the task never ran

    call_command("notifications_send")

    assert Delivery.objects.get().status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1


# --- Reading and preferences --------------------------------------------------------------------


def test_mark_read_keeps_the_first_reading_time(personas):
    (notification,) = _notify([personas.amani_manager])
    notification_mark_read(notification=notification)
    first = Notification.objects.get().read_at

    notification_mark_read(notification=Notification.objects.get())

    assert first is not None
    assert Notification.objects.get().read_at == first


def test_mark_all_read_marks_only_the_users_own(personas):
    _notify([personas.amani_manager])
    _notify([personas.amani_manager])
    _notify([personas.rheinwerk_manager])

    assert notifications_mark_all_read(user=personas.amani_manager) == 2
    assert Notification.objects.filter(read_at__isnull=True).get().recipient == personas.rheinwerk_manager


def test_preferences_update_saves_choices_and_number_and_audits(personas):
    preferences_update(
        user=personas.amani_manager,
        choices={Topic.DECISION: {"inbox": True, "email": False, "sms": True}},
        sms_number="+254712345678",
    )

    preference = Preference.objects.get(user=personas.amani_manager)
    assert (preference.topic, preference.inbox, preference.email, preference.sms) == (
        Topic.DECISION,
        True,
        False,
        True,
    )
    assert ChannelAddress.objects.get(user=personas.amani_manager).sms_number == "+254712345678"
    assert AuditEntry.objects.filter(action="notifications.preferences_update").count() == 1


def test_preferences_update_with_an_empty_number_removes_it(personas):
    ChannelAddress.objects.create(user=personas.amani_manager, sms_number="+254712345678")

    preferences_update(user=personas.amani_manager, choices={}, sms_number="")

    assert not ChannelAddress.objects.filter(user=personas.amani_manager).exists()


def test_an_intermediary_of_a_new_firm_made_in_the_test_is_found(personas):
    # A second intermediary with two staff, speaking for the German manufacturer.
    staff_a, staff_b = make_user("a@ihk.example"), make_user("b@ihk.example")
    ihk = make_intermediary("IHK Duisburg", country="DEU", staff=staff_a)
    add_member(staff_b, ihk.organisation, Role.MEMBER)
    represent(personas.german_manufacturer, ihk)

    notifications = _notify([personas.german_manufacturer.organisation])

    assert sorted(n.recipient.email for n in notifications if n.on_behalf_of) == [
        "a@ihk.example",
        "b@ihk.example",
    ]
