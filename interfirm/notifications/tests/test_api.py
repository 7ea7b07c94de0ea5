from __future__ import annotations

import json

import pytest
from django.test import Client

from interfirm.notifications.models import ChannelAddress, Notification, Preference, Topic
from interfirm.notifications.services import notify
from interfirm.notifications.tests.factories import represent
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db
BASE = "/api/notifications/"


def _notify(recipients, subject="A new expression of interest"):
    return notify(topic=Topic.NEW_EXPRESSION, recipients=recipients, subject=subject, body="Body.", url="/x/")


def _put(client, payload):
    return client.put(BASE + "preferences", data=json.dumps(payload), content_type="application/json")


def test_the_list_answers_401_without_authentication(db):
    assert Client().get(BASE).status_code == 401


@pytest.mark.parametrize("page", ["0", str(10**23)])
def test_a_page_out_of_range_answers_422_naming_it(personas, page):
    response = client_for(personas.amani_manager).get(BASE, {"page": page})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "page")


def test_the_list_gives_my_notifications_only(personas):
    (mine,) = _notify([personas.amani_manager], "Mine")
    _notify([personas.rheinwerk_manager], "Theirs")

    body = client_for(personas.amani_manager).get(BASE).json()

    assert (body["count"], body["unread"], body["page"], body["pages"]) == (1, 1, 1, 1)
    assert body["results"] == [
        {
            "id": mine.pk,
            "topic": "new_expression",
            "topic_label": "A new expression of interest",
            "subject": "Mine",
            "body": "Body.",
            "url": "/x/",
            "on_behalf_of": None,
            "created_at": mine.created_at.isoformat(),
            "read_at": None,
        }
    ]


def test_the_list_names_the_firm_an_intermediary_is_notified_for(personas):
    represent(personas.kenyan_sme, personas.chamber)
    _notify([personas.kenyan_sme.organisation])

    (result,) = client_for(personas.chamber_staff).get(BASE).json()["results"]

    assert result["on_behalf_of"] == "Amani Fresh Foods Ltd"
    assert result["subject"] == "For Amani Fresh Foods Ltd: A new expression of interest"


def test_the_unread_filter_leaves_out_read_notifications(personas):
    (read,) = _notify([personas.amani_manager], "Read")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    _notify([personas.amani_manager], "Unread")

    body = client_for(personas.amani_manager).get(BASE, {"unread": "true"}).json()

    assert [r["subject"] for r in body["results"]] == ["Unread"]


def test_marking_one_read(personas):
    (notification,) = _notify([personas.amani_manager])

    response = client_for(personas.amani_manager).post(f"{BASE}{notification.pk}/read")

    assert response.status_code == 200
    assert response.json()["read_at"] is not None
    assert Notification.objects.get().read_at is not None


def test_marking_another_users_notification_answers_404(personas):
    (notification,) = _notify([personas.rheinwerk_manager])

    response = client_for(personas.amani_manager).post(f"{BASE}{notification.pk}/read")

    assert response.status_code == 404
    assert Notification.objects.get().read_at is None


def test_marking_all_read_counts_them(personas):
    _notify([personas.amani_manager])
    _notify([personas.amani_manager])

    response = client_for(personas.amani_manager).post(BASE + "read-all")

    assert response.json() == {"marked": 2}


def test_preferences_give_every_topic_with_defaults(personas):
    body = client_for(personas.amani_manager).get(BASE + "preferences").json()

    assert body["sms_number"] == ""
    assert [t["topic"] for t in body["topics"]] == list(Topic.values)
    assert body["topics"][0] == {
        "topic": "new_expression",
        "label": "A new expression of interest",
        "inbox": True,
        "email": True,
        "sms": False,
    }


def test_put_preferences_changes_the_topics_given_and_keeps_the_others(personas):
    Preference.objects.create(user=personas.amani_manager, topic=Topic.DEADLINE, inbox=True, email=False)

    response = _put(
        client_for(personas.amani_manager),
        {
            "sms_number": "+254 712 345 678",
            "topics": [{"topic": "decision", "inbox": True, "email": False, "sms": True}],
        },
    )

    assert response.status_code == 200
    topics = {t["topic"]: t for t in response.json()["topics"]}
    assert (topics["decision"]["email"], topics["decision"]["sms"]) == (False, True)
    assert (topics["deadline"]["email"], topics["deadline"]["sms"]) == (False, False)
    assert (topics["review"]["email"], topics["review"]["sms"]) == (True, False)
    assert response.json()["sms_number"] == "+254712345678"


def test_put_preferences_with_a_bad_number_answers_422_naming_the_field(personas):
    response = _put(client_for(personas.amani_manager), {"sms_number": "12345", "topics": []})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["sms_number"]
    assert not ChannelAddress.objects.exists()


def test_put_preferences_with_sms_but_no_number_answers_422(personas):
    response = _put(
        client_for(personas.amani_manager),
        {"topics": [{"topic": "decision", "inbox": True, "email": True, "sms": True}]},
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "sms_number"
    assert not Preference.objects.exists()


def test_put_preferences_with_an_unknown_topic_answers_422_naming_it(personas):
    response = _put(client_for(personas.amani_manager), {"topics": [{"topic": "weather"}]})

    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["topics.0.topic"]
