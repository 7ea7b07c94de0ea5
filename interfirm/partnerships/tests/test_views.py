"""Pages of partnerships: who reaches them, what they show and refuse, and what a non-party never sees."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from interfirm.introductions.services import eoi_accept
from interfirm.introductions.tests.factories import (
    canary_strings,
    make_canary_firm,
    make_eoi,
    make_offer,
    manager_of,
)
from interfirm.partnerships import services
from interfirm.partnerships.models import CheckIn, Milestone, Partnership
from interfirm.partnerships.services import PartyInput, partnership_record
from interfirm.partnerships.tests.factories import add_milestone, answer, make_deal, move, represent
from interfirm.testing import client_for, make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db
D = datetime.date
PAGES = ("detail", "stage", "milestones", "outcomes", "warnings")


def _url(partnership: Partnership, name: str) -> str:
    return reverse(f"partnerships:{name}", kwargs={"reference": partnership.reference})


def test_every_page_answers_404_to_a_firm_that_is_not_a_party(personas):
    deal = make_deal(personas)
    stranger = make_firm(manager=make_user())
    client = client_for(manager_of(stranger), stranger.organisation)
    for name in (*PAGES, "checkin"):
        assert client.get(_url(deal.partnership, name)).status_code == 404, name
    assert (
        client.post(
            _url(deal.partnership, "stage"), {"stage": "negotiation", "changed_on": "2024-02-01"}
        ).status_code
        == 404
    )


def test_an_intermediary_not_following_the_partnership_gets_404(personas):
    deal = make_deal(personas)
    other = make_intermediary(staff=make_user())
    client = client_for(other.organisation.memberships.get().user, other.organisation)
    assert client.get(_url(deal.partnership, "detail")).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(personas, client):
    deal = make_deal(personas)
    for name in PAGES:
        response = client.get(_url(deal.partnership, name))
        assert (response.status_code == 302 and "/login" in response["Location"]) or "login" in response[
            "Location"
        ]


def test_parties_their_intermediary_and_operators_see_the_partnership(personas):
    deal = make_deal(personas)
    for user, organisation in (
        (personas.amani_manager, deal.interested.organisation),
        (personas.rheinwerk_manager, deal.owner.organisation),
        (personas.chamber_staff, deal.chamber.organisation),
        (personas.operator_user, personas.operator_user.memberships.first().organisation),
    ):
        client = client_for(user, organisation)
        for name in PAGES:
            assert client.get(_url(deal.partnership, name)).status_code == 200, (user, name)


def test_the_list_shows_only_ones_own_partnerships(personas):
    deal = make_deal(personas)
    stranger = make_firm(manager=make_user())
    page = client_for(personas.amani_manager, deal.interested.organisation).get(reverse("partnerships:list"))
    assert deal.partnership.reference in page.content.decode()
    page = client_for(manager_of(stranger), stranger.organisation).get(reverse("partnerships:list"))
    assert deal.partnership.reference not in page.content.decode()


def test_the_accepted_introduction_page_offers_to_open_the_partnership_and_opening_redirects_to_it(personas):
    represent(personas.chamber, personas.kenyan_sme)
    offer = make_offer(personas.german_manufacturer)
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_accept(
        actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
    )
    client = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    page = client.get(reverse("introductions:detail", kwargs={"pk": eoi.pk})).content.decode()
    assert reverse("partnerships:open", kwargs={"pk": eoi.pk}) in page
    response = client.post(reverse("partnerships:open", kwargs={"pk": eoi.pk}))
    partnership = Partnership.objects.get(expression=eoi)
    assert response.status_code == 302 and response["Location"] == partnership.get_absolute_url()
    page = client.get(reverse("introductions:detail", kwargs={"pk": eoi.pk})).content.decode()
    assert partnership.get_absolute_url() in page


def test_a_stranger_cannot_open_a_partnership_from_someone_elses_introduction(personas):
    offer = make_offer(personas.german_manufacturer)
    eoi = make_eoi(personas.kenyan_sme, offer)
    eoi_accept(
        actor=personas.rheinwerk_manager, acting_for=personas.german_manufacturer.organisation, eoi=eoi
    )
    stranger = make_firm(manager=make_user())
    response = client_for(manager_of(stranger), stranger.organisation).post(
        reverse("partnerships:open", kwargs={"pk": eoi.pk})
    )
    assert response.status_code == 404
    assert Partnership.objects.count() == 0


def test_a_stage_change_that_skips_the_rules_is_refused_on_the_page(personas):
    deal = make_deal(personas)
    client = client_for(personas.amani_manager, deal.interested.organisation)
    response = client.post(
        _url(deal.partnership, "stage"), {"stage": "completed", "changed_on": "2024-03-01", "reason": "Done"}
    )
    assert response.status_code == 409
    assert "cannot move to “Completed”. It can move to: Negotiation, Failed." in response.content.decode()
    response = client.post(
        _url(deal.partnership, "stage"), {"stage": "negotiation", "changed_on": "2024-03-01"}
    )
    assert response.status_code == 302
    deal.partnership.refresh_from_db()
    assert deal.partnership.stage == "negotiation"


def test_a_failure_without_a_reason_is_refused_with_field_errors(personas):
    deal = make_deal(personas)
    client = client_for(personas.amani_manager, deal.interested.organisation)
    response = client.post(_url(deal.partnership, "stage"), {"stage": "failed", "changed_on": "2024-03-01"})
    assert response.status_code == 422
    content = response.content.decode()
    assert "Say why the partnership ends." in content and "Choose why the partnership failed." in content


def test_a_milestone_without_a_due_date_is_refused(personas):
    deal = make_deal(personas)
    owner_party = deal.partnership.parties.get(firm=deal.owner)
    client = client_for(personas.rheinwerk_manager, deal.owner.organisation)
    data = {"kind": "milestone", "milestone-title": "Pilot installed", "milestone-owner": owner_party.pk}
    response = client.post(_url(deal.partnership, "milestones"), data)
    assert response.status_code == 422
    assert "A milestone needs a due date: targets need timetables." in response.content.decode()
    assert Milestone.objects.count() == 0
    response = client.post(_url(deal.partnership, "milestones"), {**data, "milestone-due_on": "2025-09-01"})
    assert response.status_code == 302
    assert Milestone.objects.get().due_on == D(2025, 9, 1)


def test_a_posting_that_is_neither_an_objective_nor_a_milestone_adds_nothing(personas):
    deal = make_deal(personas)
    client = client_for(personas.rheinwerk_manager, deal.owner.organisation)
    response = client.post(_url(deal.partnership, "milestones"), {"kind": "zzz", "milestone-title": "x"})
    assert response.status_code == 422
    assert "Choose what to add: an objective or a milestone." in response.content.decode()
    assert "A milestone needs a due date" not in response.content.decode()
    assert Milestone.objects.count() == 0


def test_confirming_something_that_is_neither_answers_404(personas):
    deal = make_deal(personas)
    owner_party = deal.partnership.parties.get(firm=deal.owner)
    objective = services.objective_add(
        actor=personas.rheinwerk_manager,
        acting_for=deal.owner.organisation,
        partnership=deal.partnership,
        title="Exports",
        owner=owner_party,
    )
    client = client_for(personas.rheinwerk_manager, deal.owner.organisation)
    url = reverse(
        "partnerships:confirm",
        kwargs={"reference": deal.partnership.reference, "what": "bogus", "pk": objective.pk},
    )
    assert client.post(url).status_code == 404
    assert objective.confirmations.count() == 1  # its author's own


def test_the_other_party_confirms_a_milestone_and_the_page_shows_who_confirmed(personas):
    deal = make_deal(personas)
    owner_party, interested_party = deal.partnership.parties.all()
    milestone = services.milestone_add(
        actor=personas.rheinwerk_manager,
        acting_for=deal.owner.organisation,
        partnership=deal.partnership,
        title="Pilot",
        owner=owner_party,
        due_on=D(2026, 9, 1),
    )
    client = client_for(personas.amani_manager, deal.interested.organisation)
    url = reverse(
        "partnerships:confirm",
        kwargs={"reference": deal.partnership.reference, "what": "milestone", "pk": milestone.pk},
    )
    assert client.post(url, {"party": interested_party.pk}).status_code == 302
    assert milestone.confirmations.count() == 2
    # Confirming for the other party is not possible: the party is not one's own.
    assert client.post(url, {"party": owner_party.pk}).status_code == 404


def test_a_check_in_page_is_404_for_a_non_party_and_records_a_partys_answer(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", on=D(2024, 6, 1))
    stranger = make_firm(manager=make_user())
    data = {
        "progress": 40,
        "satisfaction": 4,
        "trust_contractual": 4,
        "trust_goodwill": 5,
        "trust_competence": 3,
        "staff_exchanged": 1,
    }
    assert (
        client_for(manager_of(stranger), stranger.organisation)
        .post(_url(deal.partnership, "checkin"), data)
        .status_code
        == 404
    )
    client = client_for(personas.amani_manager, deal.interested.organisation)
    response = client.post(_url(deal.partnership, "checkin"), data)
    assert response.status_code == 302
    answered = CheckIn.objects.filter(submitted_at__isnull=False)
    assert [(c.party.firm_id, c.trust_goodwill) for c in answered] == [(deal.interested.pk, 5)]


def test_a_check_in_with_a_trust_out_of_range_is_refused(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", on=D(2024, 6, 1))
    client = client_for(personas.amani_manager, deal.interested.organisation)
    response = client.post(
        _url(deal.partnership, "checkin"),
        {
            "progress": 140,
            "satisfaction": 4,
            "trust_contractual": 9,
            "trust_goodwill": 5,
            "trust_competence": 3,
            "staff_exchanged": 0,
        },
    )
    assert response.status_code == 422
    assert CheckIn.objects.filter(submitted_at__isnull=False).count() == 0


def test_the_detail_draws_the_trust_chart_with_its_table(personas):
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", "implementation", on=D(2024, 6, 1))
    party = deal.partnership.parties.get(firm=deal.interested)
    for day, trust in ((D(2024, 9, 1), 4), (D(2024, 12, 1), 3)):
        services.checkin_submit(
            actor=personas.amani_manager,
            acting_for=deal.interested.organisation,
            party=party,
            answer=answer(trust=trust),
            today=day,
        )
    page = (
        client_for(personas.amani_manager, deal.interested.organisation)
        .get(_url(deal.partnership, "detail"))
        .content.decode()
    )
    assert page.count('role="img"') == 2
    assert '<title id="trust-title">Trust reported by each party (1 to 5)</title>' in page
    assert '<th scope="row">2024-12-01</th>' in page
    assert "Trust falling" in page


def test_an_intermediary_logs_mediation_and_resolves_a_warning(personas):
    deal = make_deal(personas)
    add_milestone(deal, title="Samples", due_on=D(2024, 2, 1))
    (warning,) = services.warnings_raise(partnership=deal.partnership, today=D(2024, 3, 1))
    client = client_for(personas.chamber_staff, deal.chamber.organisation)
    response = client.post(
        _url(deal.partnership, "warnings"),
        {"kind": "mediation", "done_on": "2024-03-02", "note": "Met both managers.", "warning": warning.pk},
    )
    assert response.status_code == 302
    assert deal.partnership.support_activities.get().warning_id == warning.pk
    url = reverse(
        "partnerships:warning_resolve", kwargs={"reference": deal.partnership.reference, "pk": warning.pk}
    )
    assert client.post(url, {"resolution": "New date agreed"}).status_code == 302
    warning.refresh_from_db()
    assert warning.resolution == "New date agreed" and warning.resolved_on is not None
    # A party cannot resolve warnings or log support: that is the intermediaries' work.
    firm_client = client_for(personas.amani_manager, deal.interested.organisation)
    assert (
        firm_client.post(
            _url(deal.partnership, "warnings"), {"kind": "advice", "done_on": "2024-03-02", "note": "x"}
        ).status_code
        == 404
    )


def test_a_warning_reads_in_the_language_of_whoever_reads_it(personas, settings):
    from django.utils import translation
    from django.utils.html import escape

    deal = make_deal(personas)
    add_milestone(deal, title="Samples", due_on=D(2024, 2, 1))
    with translation.override("en"):
        (warning,) = services.warnings_raise(partnership=deal.partnership, today=D(2024, 3, 1))
    assert warning.detail.startswith("The milestone “Samples” was due on 2024-02-01")
    with translation.override("fr"):
        french = services.warning_text(warning, services.party_labels(deal.partnership))
    assert french != warning.detail and "Samples" in french

    client = client_for(personas.chamber_staff, deal.chamber.organisation)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    for name in ("detail", "warnings"):
        page = client.get(_url(deal.partnership, name)).content.decode()
        assert escape(french) in page and escape(warning.detail) not in page, name
    # The support form names the warning it answers by its kind, date and detail, not by its id.
    assert f"{escape(french)}</option>" in page

    # A warning stored before its facts were kept shows the sentence it was raised with.
    type(warning).objects.filter(pk=warning.pk).update(facts={})
    page = client.get(_url(deal.partnership, "warnings")).content.decode()
    assert escape(warning.detail) in page


def test_a_party_recorded_by_an_intermediary_stays_anonymous_to_a_party_not_introduced_to_it(personas):
    canary = make_canary_firm("PA1", country="GHA")
    partnership = partnership_record(
        actor=personas.chamber_staff,
        acting_for=personas.chamber.organisation,
        intermediary=personas.chamber,
        title="Fruit pulp supply",
        parties=[
            PartyInput(firm=personas.kenyan_sme, consent_note="Signed"),
            PartyInput(firm=canary, consent_note="E-mail"),
        ],
        arrangement_types=["supply"],
        stage="implementation",
        started_on=D(2024, 1, 10),
        agreement_signed_on=D(2024, 3, 1),
    )
    represent(personas.chamber, personas.kenyan_sme)
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    for name in (*PAGES, "checkin"):
        content = client.get(_url(partnership, name)).content.decode()
        for secret in canary_strings(canary):
            assert secret not in content, (name, secret)
        assert canary.reference in content if name == "detail" else True


def test_an_intermediary_records_a_partnership_through_the_form(personas):
    represent(personas.chamber, personas.kenyan_sme)
    other = make_firm("Mombasa Packaging Ltd", manager=make_user())
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = client.post(
        reverse("partnerships:record"),
        {
            "title": "Packaging",
            "firms": [personas.kenyan_sme.pk],
            "other_references": other.reference.lower(),
            "consent": "Signed forms",
            "arrangement_types": ["supply"],
            "stage": "negotiation",
            "started_on": "2024-05-01",
        },
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert sorted(partnership.parties.values_list("firm_id", flat=True)) == sorted(
        [personas.kenyan_sme.pk, other.pk]
    )
    assert partnership.stage == "negotiation"


def test_the_fields_a_recorded_partnership_works_in_are_kept_and_shown_to_its_parties(personas):
    represent(personas.chamber, personas.kenyan_sme)
    other = make_firm("Mombasa Packaging Ltd", manager=make_user())
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    form = {
        "title": "Packaging",
        "firms": [personas.kenyan_sme.pk],
        "other_references": other.reference,
        "consent": "Signed forms",
        "arrangement_types": ["supply"],
        "stage": "negotiation",
        "started_on": "2024-05-01",
    }
    too_long = client.post(reverse("partnerships:record"), {**form, "keywords": "x" * 501})
    assert too_long.status_code == 422
    assert too_long.context["form"].errors["keywords"]
    assert 'value="Packaging"' in too_long.content.decode()  # what was typed is kept

    response = client.post(
        reverse("partnerships:record"), {**form, "keywords": " corrugated board , pulp,pulp "}
    )
    assert response.status_code == 302
    partnership = Partnership.objects.get()
    assert partnership.keywords == "corrugated board, pulp"
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert "Fields it works in" in page and "corrugated board, pulp" in page


@pytest.mark.parametrize(
    "other_firms,message",
    [
        ([], "A partnership has two or more firms."),
        # A key no integer holds: an unknown choice, not a database error (a 500 before).
        (["99999999999999999999999"], "99999999999999999999999 is not one of the available choices"),
    ],
)
def test_recording_without_a_second_known_firm_is_refused_naming_the_field(personas, other_firms, message):
    represent(personas.chamber, personas.kenyan_sme)
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = client.post(
        reverse("partnerships:record"),
        {
            "title": "Alone",
            "firms": [personas.kenyan_sme.pk, *other_firms],
            "consent": "x",
            "arrangement_types": ["supply"],
            "stage": "contact",
            "started_on": "2024-05-01",
        },
    )
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not Partnership.objects.exists()


def test_firms_cannot_reach_the_record_form(personas):
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert client.get(reverse("partnerships:record")).status_code == 404


def test_the_partnership_page_lists_the_support_instruments_it_may_qualify_for(personas):
    from interfirm.instruments.services import support_instrument_create

    deal = make_deal(personas)  # licensing and technical cooperation
    common = {"actor": None, "acting_for": None, "kind": "cost_sharing_grant", "provider": personas.chamber}
    fits = support_instrument_create(name="Licensing cost-sharing", arrangement_types=["licensing"], **common)
    other = support_instrument_create(name="Franchise loans", arrangement_types=["franchising"], **common)
    content = client_for(personas.amani_manager, deal.interested.organisation).get(
        _url(deal.partnership, "detail")
    )
    text = content.content.decode()
    assert "Support this partnership may qualify for" in text
    assert fits.get_absolute_url() in text
    assert other.get_absolute_url() not in text


def test_the_record_form_names_the_lead_party_by_reference_and_refuses_one_not_among_the_parties(personas):
    represent(personas.chamber, personas.kenyan_sme)
    other = make_firm("Mombasa Packaging Ltd", manager=make_user())
    stranger = make_firm("Nakuru Mills Ltd", manager=make_user())
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    form = {
        "title": "Packaging",
        "firms": [personas.kenyan_sme.pk],
        "other_references": other.reference,
        "consent": "Signed forms",
        "arrangement_types": ["supply"],
        "stage": "negotiation",
        "started_on": "2024-05-01",
    }
    page = client.get(reverse("partnerships:record")).content.decode()
    assert personas.kenyan_sme.reference in page  # the portfolio's firms show the reference to type

    refused = client.post(reverse("partnerships:record"), {**form, "lead": stranger.reference})
    assert refused.status_code == 422
    assert stranger.reference in refused.context["form"].errors["lead"][0]
    assert 'value="Packaging"' in refused.content.decode()
    assert not Partnership.objects.exists()

    done = client.post(reverse("partnerships:record"), {**form, "lead": other.reference.lower()})
    assert done.status_code == 302
    partnership = Partnership.objects.get()
    assert dict(partnership.parties.values_list("firm_id", "role")) == {
        personas.kenyan_sme.pk: "party",
        other.pk: "lead",
    }


def test_the_opportunity_is_linked_only_for_whom_its_page_opens(personas):
    deal = make_deal(personas)
    opportunity = deal.eoi.opportunity
    url = _url(deal.partnership, "detail")
    viewers = {
        "owner": client_for(personas.rheinwerk_manager, deal.owner.organisation),
        "party": client_for(personas.amani_manager, deal.interested.organisation),
        "intermediary": client_for(personas.chamber_staff, personas.chamber.organisation),
    }
    link = f'href="{opportunity.get_absolute_url()}"'
    assert all(link in c.get(url).content.decode() for c in viewers.values())  # published: open to all
    type(opportunity).objects.filter(pk=opportunity.pk).update(status="closed")
    for who, client in viewers.items():
        page = client.get(url).content.decode()
        opens = client.get(opportunity.get_absolute_url()).status_code == 200
        assert (link in page) == opens == (who == "owner"), who
        assert opportunity.reference in page  # still named, not linked
