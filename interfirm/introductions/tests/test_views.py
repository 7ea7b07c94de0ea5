"""The introductions pages: expressing interest, the lists, a case, and the answers posted from it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from interfirm.introductions.models import EoiStatus, ExpressionOfInterest, Message
from interfirm.introductions.tests.factories import (
    MESSAGE,
    canary_strings,
    make_canary_firm,
    make_eoi,
    make_offer,
    manager_of,
    represent,
)
from interfirm.testing import client_for, make_firm, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def offer(personas):
    return make_offer(personas.german_manufacturer, title="Licence for pulping and pasteurising lines")


def _amani(personas):
    return client_for(personas.amani_manager, personas.kenyan_sme.organisation)


def _rheinwerk(personas):
    return client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)


def _key(html: str) -> str:
    match = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', html)
    assert match, "the form carries an idempotency key"
    return match.group(1)


# Expressing interest ------------------------------------------------------------------------------


def test_the_express_page_carries_a_fresh_idempotency_key_each_time(personas, offer):
    url = reverse("introductions:express", args=[offer.reference])
    first, second = (_key(_amani(personas).get(url).content.decode()) for _ in range(2))
    assert first != second


def test_expressing_interest_makes_an_expression_and_shows_it(personas, offer):
    client = _amani(personas)
    url = reverse("introductions:express", args=[offer.reference])
    key = _key(client.get(url).content.decode())
    response = client.post(url, {"message": MESSAGE, "idempotency_key": key})
    eoi = ExpressionOfInterest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("introductions:detail", args=[eoi.pk])


def test_a_resubmitted_form_makes_one_expression(personas, offer):
    client = _amani(personas)
    url = reverse("introductions:express", args=[offer.reference])
    key = _key(client.get(url).content.decode())
    responses = [client.post(url, {"message": MESSAGE, "idempotency_key": key}) for _ in range(2)]
    assert [r.status_code for r in responses] == [302, 302]
    assert ExpressionOfInterest.objects.count() == 1


def test_a_message_that_names_ones_own_firm_is_refused(personas, offer):
    client = _amani(personas)
    url = reverse("introductions:express", args=[offer.reference])
    response = client.post(
        url, {"message": "Amani Fresh Foods would like to license your drying line.", "idempotency_key": "k"}
    )
    assert response.status_code == 422
    assert "remove what identifies it (“Amani Fresh Foods”)" in response.content.decode()
    assert ExpressionOfInterest.objects.count() == 0


def test_a_too_short_message_is_refused_naming_the_field(personas, offer):
    response = _amani(personas).post(
        reverse("introductions:express", args=[offer.reference]), {"message": "Hi", "idempotency_key": "k"}
    )
    assert response.status_code == 422
    assert response.context["form"].errors["message"] == [
        "Ensure this value has at least 20 characters (it has 2)."
    ]


def test_the_cap_refusal_is_shown_with_a_4xx(personas, settings):
    settings.EOI_MAX_OPEN_PER_FIRM = 1
    make_eoi(personas.kenyan_sme, make_offer(personas.german_manufacturer, title="First"))
    second = make_offer(personas.german_manufacturer, title="Second")
    response = _amani(personas).post(
        reverse("introductions:express", args=[second.reference]),
        {"message": MESSAGE, "idempotency_key": "k2"},
    )
    assert response.status_code == 409
    assert "already has 1 open expressions of interest" in response.content.decode()


def test_a_firm_cannot_open_the_express_page_of_its_own_opportunity(personas, offer):
    response = _rheinwerk(personas).get(reverse("introductions:express", args=[offer.reference]))
    assert response.status_code == 409


def test_an_unpublished_opportunity_has_no_express_page(personas):
    draft = make_offer(personas.german_manufacturer, status="draft")
    assert _amani(personas).get(reverse("introductions:express", args=[draft.reference])).status_code == 404


def test_an_intermediary_chooses_the_portfolio_firm_it_acts_for(personas, offer):
    represent(personas.chamber, personas.kenyan_sme)
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    url = reverse("introductions:express", args=[offer.reference])
    page = client.get(url)
    assert list(page.context["form"].fields["firm"].queryset) == [personas.kenyan_sme]
    client.post(
        url,
        {"firm": personas.kenyan_sme.pk, "message": MESSAGE, "idempotency_key": _key(page.content.decode())},
    )
    eoi = ExpressionOfInterest.objects.get()
    assert (eoi.firm, eoi.submitted_for) == (personas.kenyan_sme, personas.chamber.organisation)


def test_an_intermediary_cannot_pick_a_firm_outside_its_portfolio(personas, offer):
    stranger_firm = make_firm("Elsewhere Ltd")
    represent(personas.chamber, personas.kenyan_sme)
    response = client_for(personas.chamber_staff, personas.chamber.organisation).post(
        reverse("introductions:express", args=[offer.reference]),
        {"firm": stranger_firm.pk, "message": MESSAGE, "idempotency_key": "k"},
    )
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["firm"]


# The case page ------------------------------------------------------------------------------------


def _canary_case():
    owner = make_canary_firm("OWNR", country="DEU")
    interested = make_canary_firm("INTR")
    opportunity = make_offer(owner)
    return owner, interested, make_eoi(interested, opportunity)


def test_before_acceptance_neither_side_sees_the_others_identity(personas):
    owner, interested, eoi = _canary_case()
    url = reverse("introductions:detail", args=[eoi.pk])
    owner_page = client_for(manager_of(owner), owner.organisation).get(url).content.decode()
    interested_page = client_for(manager_of(interested), interested.organisation).get(url).content.decode()
    assert [c for c in canary_strings(interested) if c in owner_page] == []
    assert [c for c in canary_strings(owner) if c in interested_page] == []


def test_after_acceptance_both_sides_see_each_others_identity(personas):
    owner, interested, eoi = _canary_case()
    url = reverse("introductions:detail", args=[eoi.pk])
    owner_client = client_for(manager_of(owner), owner.organisation)
    assert owner_client.post(reverse("introductions:accept", args=[eoi.pk])).status_code == 302
    owner_page = owner_client.get(url).content.decode()
    interested_page = client_for(manager_of(interested), interested.organisation).get(url).content.decode()
    assert [c for c in canary_strings(interested) if c not in owner_page] == []
    assert [c for c in canary_strings(owner) if c not in interested_page] == []
    assert "Accepted " in owner_page and "Closed " not in owner_page  # the date says what happened


def test_before_acceptance_message_authors_of_the_other_side_are_hidden(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    Message.objects.create(
        expression=eoi, side="owner", author=personas.rheinwerk_manager, body="What capacity?"
    )
    page = _amani(personas).get(reverse("introductions:detail", args=[eoi.pk])).content.decode()
    assert "What capacity?" in page
    assert "Katrin Vogel" not in page


def test_a_stranger_gets_404_for_the_case_and_its_answers(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    stranger = make_user()
    firm = make_firm("Unrelated Traders Ltd", manager=stranger)
    client = client_for(stranger, firm.organisation)
    statuses = [client.get(reverse("introductions:detail", args=[eoi.pk])).status_code] + [
        client.post(
            reverse(f"introductions:{name}", args=[eoi.pk]), {"reason": "other", "body": "x"}
        ).status_code
        for name in ("accept", "decline", "withdraw", "message")
    ]
    assert statuses == [404] * 5
    assert ExpressionOfInterest.objects.get(pk=eoi.pk).status == EoiStatus.OPEN


def test_the_owner_declines_with_a_reason(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    response = _rheinwerk(personas).post(
        reverse("introductions:decline", args=[eoi.pk]), {"reason": "capacity", "note": "Too small a line."}
    )
    eoi.refresh_from_db()
    assert (response.status_code, eoi.status, eoi.decline_reason) == (302, EoiStatus.DECLINED, "capacity")


def test_a_decline_without_a_valid_reason_is_refused(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    response = _rheinwerk(personas).post(reverse("introductions:decline", args=[eoi.pk]), {"reason": "bored"})
    assert response.status_code == 422
    assert list(response.context["decline_form"].errors) == ["reason"]


def test_the_interested_side_cannot_accept_through_the_page(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    response = _amani(personas).post(reverse("introductions:accept", args=[eoi.pk]))
    assert response.status_code == 403
    assert "Only the owner of the opportunity" in response.content.decode()


def test_accepting_twice_answers_409(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    client = _rheinwerk(personas)
    client.post(reverse("introductions:accept", args=[eoi.pk]))
    assert client.post(reverse("introductions:accept", args=[eoi.pk])).status_code == 409


def test_the_interested_firm_withdraws(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    _amani(personas).post(reverse("introductions:withdraw", args=[eoi.pk]))
    assert ExpressionOfInterest.objects.get(pk=eoi.pk).status == EoiStatus.WITHDRAWN


def test_a_message_is_posted_to_the_case(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    response = _rheinwerk(personas).post(
        reverse("introductions:message", args=[eoi.pk]), {"body": "What capacity do you need?"}
    )
    assert response.status_code == 302
    assert list(eoi.messages.values_list("side", "body")) == [("owner", "What capacity do you need?")]


def test_a_message_naming_ones_firm_before_acceptance_is_refused(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    response = _rheinwerk(personas).post(
        reverse("introductions:message", args=[eoi.pk]), {"body": "Rheinwerk Maschinenbau can build it."}
    )
    assert response.status_code == 422
    assert eoi.messages.count() == 0


# Lists --------------------------------------------------------------------------------------------


def test_the_owner_sees_received_expressions_anonymously(personas, offer):
    make_eoi(personas.kenyan_sme, offer)
    page = _rheinwerk(personas).get(reverse("introductions:list")).content.decode()
    assert offer.reference in page
    assert "A small firm from Kenya" in page
    assert "Amani" not in page


def test_the_interested_firm_sees_its_sent_expressions(personas, offer):
    make_eoi(personas.kenyan_sme, offer)
    response = _amani(personas).get(reverse("introductions:list") + "?tab=sent")
    assert [row.eoi.opportunity_id for row in response.context["rows"]] == [offer.pk]


def test_an_intermediary_sees_its_portfolios_cases(personas, offer):
    represent(personas.chamber, personas.kenyan_sme)
    make_eoi(personas.kenyan_sme, offer)
    response = client_for(personas.chamber_staff, personas.chamber.organisation).get(
        reverse("introductions:list") + "?tab=sent"
    )
    assert [row.own_firm for row in response.context["rows"]] == [personas.kenyan_sme]


def test_an_operator_sees_both_sides_of_a_case(personas):
    owner, interested, eoi = _canary_case()
    operator_org = personas.operator_user.memberships.get().organisation
    page = client_for(personas.operator_user, operator_org).get(
        reverse("introductions:detail", args=[eoi.pk])
    )
    html = page.content.decode()
    assert [c for c in canary_strings(owner) + canary_strings(interested) if c not in html] == []


def test_an_operator_lists_every_case(personas, offer):
    eoi = make_eoi(personas.kenyan_sme, offer)
    operator_org = personas.operator_user.memberships.get().organisation
    response = client_for(personas.operator_user, operator_org).get(reverse("introductions:list"))
    assert [row.eoi for row in response.context["rows"]] == [eoi]


def test_the_owners_intermediary_accepts_through_the_page(personas):
    owner = make_firm("Nairobi Agro Machines Ltd")
    represent(personas.chamber, owner)
    eoi = make_eoi(personas.german_manufacturer, make_offer(owner))
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    assert client.post(reverse("introductions:accept", args=[eoi.pk])).status_code == 302
    page = client.get(reverse("introductions:detail", args=[eoi.pk])).content.decode()
    assert "Rheinwerk Maschinenbau GmbH" in page
