"""The introductions API: idempotent submission, reading, answering, messages; 404/409/422."""

from __future__ import annotations

import pytest

from interfirm.introductions.models import EoiStatus, ExpressionOfInterest
from interfirm.introductions.tests.factories import MESSAGE, make_eoi, make_offer, represent
from interfirm.testing import client_for, make_firm, make_user

pytestmark = pytest.mark.django_db
BASE = "/api/introductions/"


@pytest.fixture
def offer(personas):
    return make_offer(personas.german_manufacturer, title="Licence for pulping and pasteurising lines")


def _amani(personas):
    return client_for(personas.amani_manager, personas.kenyan_sme.organisation)


def _rheinwerk(personas):
    return client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)


def _post(client, path, data=None, **headers):
    return client.post(path, data or {}, content_type="application/json", headers=headers)


def _fields(response) -> list[str]:
    return [error["field"] for error in response.json()["errors"]]


def test_submitting_answers_201_then_200_for_a_retry(personas, offer):
    client = _amani(personas)
    payload = {"opportunity": offer.reference, "message": MESSAGE}
    first = _post(client, BASE, payload, **{"Idempotency-Key": "abc-123"})
    second = _post(client, BASE, payload, **{"Idempotency-Key": "abc-123"})
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    assert ExpressionOfInterest.objects.count() == 1


def test_the_idempotency_key_may_come_in_the_body(personas, offer):
    client = _amani(personas)
    payload = {"opportunity": offer.reference, "message": MESSAGE, "idempotency_key": "body-key"}
    assert [_post(client, BASE, payload).status_code for _ in range(2)] == [201, 200]


def test_submitting_without_an_idempotency_key_is_refused(personas, offer):
    response = _post(_amani(personas), BASE, {"opportunity": offer.reference, "message": MESSAGE})
    assert response.status_code == 422
    assert _fields(response) == ["idempotency_key"]


def test_a_short_message_is_refused_naming_the_field(personas, offer):
    response = _post(
        _amani(personas), BASE, {"opportunity": offer.reference, "message": "Hi", "idempotency_key": "k"}
    )
    assert response.status_code == 422
    assert _fields(response) == ["message"]


def test_a_message_naming_ones_firm_is_refused(personas, offer):
    payload = {
        "opportunity": offer.reference,
        "message": "Amani Fresh wants your dryer for mango.",
        "idempotency_key": "k",
    }
    response = _post(_amani(personas), BASE, payload)
    assert response.status_code == 422
    assert _fields(response) == ["message"]


def test_the_cap_answers_409_with_the_reason(personas, settings):
    settings.EOI_MAX_OPEN_PER_FIRM = 1
    make_eoi(personas.kenyan_sme, make_offer(personas.german_manufacturer, title="One"))
    second = make_offer(personas.german_manufacturer, title="Two")
    response = _post(
        _amani(personas), BASE, {"opportunity": second.reference, "message": MESSAGE, "idempotency_key": "k"}
    )
    assert response.status_code == 409
    assert "1 open expressions of interest" in response.json()["detail"]


def test_an_own_opportunity_answers_409(personas, offer):
    response = _post(
        _rheinwerk(personas),
        BASE,
        {"opportunity": offer.reference, "message": MESSAGE, "idempotency_key": "k"},
    )
    assert response.status_code == 409


def test_an_unpublished_opportunity_answers_404(personas):
    draft = make_offer(personas.german_manufacturer, status="draft")
    response = _post(
        _amani(personas), BASE, {"opportunity": draft.reference, "message": MESSAGE, "idempotency_key": "k"}
    )
    assert response.status_code == 404


def test_an_intermediary_names_the_firm_it_acts_for(personas, offer):
    represent(personas.chamber, personas.kenyan_sme)
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    missing = _post(
        client, BASE, {"opportunity": offer.reference, "message": MESSAGE, "idempotency_key": "k"}
    )
    made = _post(
        client,
        BASE,
        {
            "opportunity": offer.reference,
            "message": MESSAGE,
            "idempotency_key": "k",
            "firm": personas.kenyan_sme.reference,
        },
    )
    assert (missing.status_code, _fields(missing), made.status_code) == (422, ["firm"], 201)
    assert made.json()["your_sides"] == ["interested"]


def test_the_list_holds_sent_and_received_expressions(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    assert [e["id"] for e in _amani(personas).get(BASE).json()] == [eoi.pk]
    assert [e["id"] for e in _rheinwerk(personas).get(BASE).json()] == [eoi.pk]


def test_the_owner_sees_the_interested_firm_anonymously_until_acceptance(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    client = _rheinwerk(personas)
    before = client.get(f"{BASE}{eoi.pk}").json()
    assert "Amani" not in str(before)
    _post(client, f"{BASE}{eoi.pk}/accept")
    after = client.get(f"{BASE}{eoi.pk}").json()
    interested = next(p for p in after["parties"] if p["side"] == "interested")
    assert (interested["revealed"], interested["identity"]["legal_name"]) == (True, "Amani Fresh Foods Ltd")


def test_a_foreign_expression_answers_404(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    stranger = make_user()
    firm = make_firm("Unrelated Traders Ltd", manager=stranger)
    client = client_for(stranger, firm.organisation)
    statuses = [
        client.get(f"{BASE}{eoi.pk}").status_code,
        client.get(f"{BASE}{eoi.pk}/messages").status_code,
        _post(client, f"{BASE}{eoi.pk}/accept").status_code,
        _post(client, f"{BASE}{eoi.pk}/messages", {"body": "Hello"}).status_code,
    ]
    assert statuses == [404, 404, 404, 404]


def test_the_wrong_side_answers_403_and_a_second_answer_409(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    wrong = _post(_amani(personas), f"{BASE}{eoi.pk}/accept")
    first = _post(_rheinwerk(personas), f"{BASE}{eoi.pk}/accept")
    again = _post(_rheinwerk(personas), f"{BASE}{eoi.pk}/decline", {"reason": "other"})
    assert (wrong.status_code, first.status_code, again.status_code) == (403, 200, 409)
    assert first.json()["status"] == EoiStatus.ACCEPTED


def test_a_decline_with_an_unknown_reason_names_the_field(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    response = _post(_rheinwerk(personas), f"{BASE}{eoi.pk}/decline", {"reason": "bored"})
    assert response.status_code == 422
    assert _fields(response) == ["reason"]


def test_a_decline_keeps_reason_and_note(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    response = _post(
        _rheinwerk(personas), f"{BASE}{eoi.pk}/decline", {"reason": "timing", "note": "Next year."}
    )
    body = response.json()
    assert (body["status"], body["decline_reason"], body["decline_note"]) == (
        "declined",
        "timing",
        "Next year.",
    )


def test_the_interested_firm_withdraws(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    assert _post(_amani(personas), f"{BASE}{eoi.pk}/withdraw").json()["status"] == "withdrawn"


def test_messages_are_posted_and_listed(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    created = _post(_rheinwerk(personas), f"{BASE}{eoi.pk}/messages", {"body": "What capacity?"})
    listed = _amani(personas).get(f"{BASE}{eoi.pk}/messages").json()
    assert created.status_code == 201
    assert [(m["side"], m["yours"], m["author"], m["body"]) for m in listed] == [
        ("owner", False, None, "What capacity?")
    ]


def test_an_empty_message_names_the_field(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    response = _post(_rheinwerk(personas), f"{BASE}{eoi.pk}/messages", {"body": ""})
    assert (response.status_code, _fields(response)) == (422, ["body"])


def test_anonymous_callers_are_refused(offer, client):
    assert client.get(BASE).status_code == 401
