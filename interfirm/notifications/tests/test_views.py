from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from interfirm.notifications.models import ChannelAddress, Notification, Preference, Topic
from interfirm.notifications.services import notify
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db
INBOX = reverse("notifications:inbox")
PREFERENCES = reverse("notifications:preferences")


def _notify(user, subject="A new expression of interest", url=""):
    (notification,) = notify(
        topic=Topic.NEW_EXPRESSION, recipients=[user], subject=subject, body="Body.", url=url
    )
    return notification


def _preferences_post(**extra):
    data = {"sms_number": "", f"{Topic.DECISION}__inbox": "on", f"{Topic.DECISION}__email": "on"}
    data.update(extra)
    return data


def test_the_inbox_lists_unread_before_read(personas):
    older_unread = _notify(personas.amani_manager, "Older, unread")
    newer_read = _notify(personas.amani_manager, "Newer, read")
    Notification.objects.filter(pk=newer_read.pk).update(read_at=newer_read.created_at)

    response = client_for(personas.amani_manager).get(INBOX)

    assert response.status_code == 200
    assert [n.pk for n in response.context["page"].object_list] == [older_unread.pk, newer_read.pk]
    assert response.context["unread"] == 1


def test_the_inbox_shows_only_the_users_own_notifications(personas):
    _notify(personas.rheinwerk_manager, "Rheinwerk only")

    response = client_for(personas.amani_manager).get(INBOX)

    assert list(response.context["page"].object_list) == []
    assert "Rheinwerk only" not in response.content.decode()


def test_the_unread_filter_hides_read_notifications(personas):
    read = _notify(personas.amani_manager, "Read one")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    unread = _notify(personas.amani_manager, "Unread one")

    response = client_for(personas.amani_manager).get(INBOX, {"unread": "1"})

    assert [n.pk for n in response.context["page"].object_list] == [unread.pk]


def test_the_inbox_needs_sign_in(db):
    response = Client().get(INBOX)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_the_menu_shows_the_unread_count(personas):
    _notify(personas.amani_manager)
    _notify(personas.amani_manager)

    response = client_for(personas.amani_manager).get(INBOX)

    assert (
        '<span class="badge warn">2<span class="visually-hidden"> unread</span></span>'
        in response.content.decode()
    )


def test_mark_read_marks_the_notification_and_returns_to_the_inbox(personas):
    notification = _notify(personas.amani_manager)

    response = client_for(personas.amani_manager).post(reverse("notifications:read", args=[notification.pk]))

    assert response.status_code == 302
    assert response["Location"] == INBOX
    assert Notification.objects.get().read_at is not None


def test_open_marks_read_and_goes_to_the_link(personas):
    notification = _notify(personas.amani_manager, url="/introductions/7/")

    response = client_for(personas.amani_manager).post(
        reverse("notifications:read", args=[notification.pk]), {"open": "1"}
    )

    assert response["Location"] == "/introductions/7/"
    assert Notification.objects.get().read_at is not None


def test_mark_read_ignores_a_next_address_on_another_site(personas):
    notification = _notify(personas.amani_manager)

    response = client_for(personas.amani_manager).post(
        reverse("notifications:read", args=[notification.pk]), {"next": "https://evil.example/"}
    )

    assert response["Location"] == INBOX


def test_marking_another_users_notification_answers_404(personas):
    notification = _notify(personas.rheinwerk_manager)

    response = client_for(personas.amani_manager).post(reverse("notifications:read", args=[notification.pk]))

    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


def test_mark_read_by_get_is_refused(personas):
    notification = _notify(personas.amani_manager)

    response = client_for(personas.amani_manager).get(reverse("notifications:read", args=[notification.pk]))

    assert response.status_code == 405
    assert Notification.objects.get().read_at is None


def test_mark_all_read_marks_every_own_notification(personas):
    _notify(personas.amani_manager)
    _notify(personas.amani_manager)
    _notify(personas.rheinwerk_manager)

    response = client_for(personas.amani_manager).post(reverse("notifications:read_all"))

    assert response.status_code == 302
    assert Notification.objects.filter(read_at__isnull=True).count() == 1


def test_the_preferences_page_shows_the_defaults(personas):
    response = client_for(personas.amani_manager).get(PREFERENCES)

    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial[f"{Topic.DECISION}__inbox"] is True
    assert form.initial[f"{Topic.DECISION}__email"] is True
    assert form.initial[f"{Topic.DECISION}__sms"] is False
    assert (
        '<label for="id_decision__sms" class="visually-hidden">SMS for: An answer'
        in response.content.decode()
    )


def test_saving_preferences_stores_them(personas):
    response = client_for(personas.amani_manager).post(
        PREFERENCES, _preferences_post(**{f"{Topic.DECISION}__sms": "on", "sms_number": "+254 712 345 678"})
    )

    assert response.status_code == 302
    preference = Preference.objects.get(user=personas.amani_manager, topic=Topic.DECISION)
    assert (preference.inbox, preference.email, preference.sms) == (True, True, True)
    assert Preference.objects.get(user=personas.amani_manager, topic=Topic.REVIEW).email is False
    assert ChannelAddress.objects.get(user=personas.amani_manager).sms_number == "+254712345678"


def test_a_bad_phone_number_is_reported_on_its_field(personas):
    response = client_for(personas.amani_manager).post(PREFERENCES, _preferences_post(sms_number="0712 345"))

    assert response.status_code == 200
    assert response.context["form"].errors["sms_number"] == [
        "Enter the number in international format: a plus sign, the country code and the number,"
        " e.g. +254712345678."
    ]
    assert not Preference.objects.exists()
    assert not ChannelAddress.objects.exists()
