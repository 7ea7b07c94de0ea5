"""The pages of opportunities: owner side, public detail, review, printable list."""

from __future__ import annotations

import pytest
from django.utils import timezone

from interfirm.firms.models import Representation
from interfirm.introductions.models import ExpressionOfInterest
from interfirm.opportunities.forms import add_months
from interfirm.opportunities.models import Opportunity, Review, Status
from interfirm.opportunities.tests.canary import leaks, make_canary_firm
from interfirm.opportunities.tests.factories import form_post, in_days, make_opportunity
from interfirm.testing import client_for, make_firm

pytestmark = pytest.mark.django_db


@pytest.fixture
def amani(personas):
    return client_for(personas.amani_manager, personas.kenyan_sme.organisation)


@pytest.fixture
def rheinwerk(personas):
    return client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)


@pytest.fixture
def chamber(personas):
    return client_for(personas.chamber_staff, personas.chamber.organisation)


def _represent(personas, firm):
    Representation.objects.create(
        firm=firm,
        intermediary=personas.chamber,
        consent_method="signed_form",
        consent_given_on=timezone.localdate(),
        consent_given_by="The director",
    )


# Creating and editing -----------------------------------------------------------------------------


def test_a_firm_creates_a_draft(personas, amani):
    response = amani.post("/opportunities/new/", form_post())
    opportunity = Opportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/opportunities/{opportunity.reference}/"
    assert (opportunity.firm, opportunity.status) == (personas.kenyan_sme, Status.DRAFT)
    assert opportunity.domains == ["technology", "production"]
    assert sorted(c.iso3 for c in opportunity.partner_countries.all()) == ["TZA", "UGA"]
    assert sorted(s.code for s in opportunity.sectors.all()) == ["1030", "2825"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"arrangement_types": None}, "arrangement_types"),
        ({"domains": None}, "domains"),
        ({"title": ""}, "title"),
        ({"sectors": "1030, 9999"}, "sectors"),
        ({"sectors": "10"}, "sectors"),
        ({"deadline": in_days(0).isoformat()}, "deadline"),
        ({"deadline": in_days(800).isoformat()}, "deadline"),
        ({"deadline": "not a date"}, "deadline"),
        ({"partner_countries": ["XXX"]}, "partner_countries"),
        ({"kind": "gift"}, "kind"),
    ],
)
def test_bad_input_rerenders_the_form_naming_the_field(amani, overrides, field):
    response = amani.post("/opportunities/new/", form_post(**overrides))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert not Opportunity.objects.exists()


def test_an_intermediary_creates_for_a_firm_it_represents(personas, chamber):
    _represent(personas, personas.kenyan_sme)
    response = chamber.post("/opportunities/new/", form_post(firm=personas.kenyan_sme.pk))
    assert response.status_code == 302
    assert Opportunity.objects.get().firm == personas.kenyan_sme


def test_an_intermediary_without_a_portfolio_is_told_to_register_a_firm_first(chamber):
    response = chamber.get("/opportunities/new/")
    assert response.status_code == 200
    assert "You represent no firm yet." in response.content.decode()


def test_the_new_opportunity_form_offers_the_default_deadline(amani):
    response = amani.get("/opportunities/new/")
    assert response.status_code == 200
    assert response.context["form"]["deadline"].value() == add_months(timezone.localdate(), 6)


def test_an_intermediary_cannot_create_for_a_firm_it_does_not_represent(personas, chamber):
    _represent(personas, personas.kenyan_sme)
    response = chamber.post("/opportunities/new/", form_post(firm=personas.german_manufacturer.pk))
    assert list(response.context["form"].errors) == ["firm"]
    assert not Opportunity.objects.exists()


def test_the_owner_edits_a_draft(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    response = amani.post(f"/opportunities/{opportunity.reference}/edit/", form_post(title="A better title"))
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.title == "A better title"


def test_the_edit_form_shows_the_current_values(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft", keywords="mango, sun")
    response = amani.get(f"/opportunities/{opportunity.reference}/edit/")
    assert response.context["form"]["keywords"].value() == "mango, sun"


@pytest.mark.parametrize("path", ["edit/", "renew/", ""])
def test_a_foreign_firm_gets_404_on_an_unpublished_opportunity(personas, rheinwerk, path):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    assert rheinwerk.get(f"/opportunities/{opportunity.reference}/{path}").status_code == 404


@pytest.mark.parametrize("action", ["submit", "withdraw", "close", "resubmit"])
def test_a_foreign_firm_gets_404_on_the_owners_actions(personas, rheinwerk, action):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    assert rheinwerk.post(f"/opportunities/{opportunity.reference}/{action}/").status_code == 404
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED


def test_a_foreign_firm_gets_404_editing_a_published_opportunity(personas, rheinwerk):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    assert rheinwerk.get(f"/opportunities/{opportunity.reference}/edit/").status_code == 404


def test_editing_a_closed_opportunity_answers_409_with_the_reason(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="closed")
    response = amani.get(f"/opportunities/{opportunity.reference}/edit/")
    assert response.status_code == 409
    assert "cannot be edited" in response.content.decode()


# Life-cycle actions --------------------------------------------------------------------------------


def test_the_owner_submits_a_draft(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    response = amani.post(f"/opportunities/{opportunity.reference}/submit/")
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED


def test_submitting_twice_answers_409(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    response = amani.post(f"/opportunities/{opportunity.reference}/submit/")
    assert response.status_code == 409
    assert "cannot be submitted for review" in response.content.decode()


def test_actions_only_accept_post(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="draft")
    assert amani.get(f"/opportunities/{opportunity.reference}/submit/").status_code == 405


def test_the_owner_withdraws_and_closes(personas, amani):
    first = make_opportunity(personas.kenyan_sme, status="published")
    second = make_opportunity(personas.kenyan_sme, status="published")
    amani.post(f"/opportunities/{first.reference}/withdraw/")
    amani.post(f"/opportunities/{second.reference}/close/")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (Status.WITHDRAWN, Status.CLOSED)


def test_the_owner_renews_an_expired_opportunity(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="expired")
    Opportunity.objects.filter(pk=opportunity.pk).update(published_at=timezone.now())
    response = amani.post(
        f"/opportunities/{opportunity.reference}/renew/", {"deadline": in_days(60).isoformat()}
    )
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.deadline) == (Status.PUBLISHED, in_days(60))


def test_the_renew_page_shows_the_form(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    response = amani.get(f"/opportunities/{opportunity.reference}/renew/")
    assert response.status_code == 200
    assert "New deadline" in response.content.decode()


def test_renewing_with_a_past_deadline_names_the_field(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    response = amani.post(
        f"/opportunities/{opportunity.reference}/renew/", {"deadline": in_days(-1).isoformat()}
    )
    assert list(response.context["form"].errors) == ["deadline"]


def test_the_owner_resubmits_after_a_hold(personas, amani):
    opportunity = make_opportunity(personas.kenyan_sme, status="on_hold")
    amani.post(f"/opportunities/{opportunity.reference}/resubmit/")
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED


# Lists ----------------------------------------------------------------------------------------------


def test_mine_lists_the_firms_opportunities_by_status(personas, amani):
    draft = make_opportunity(personas.kenyan_sme, status="draft", title="Draft one")
    published = make_opportunity(personas.kenyan_sme, status="published", title="Published one")
    make_opportunity(personas.german_manufacturer, status="published", title="Not ours")
    response = amani.get("/opportunities/mine/")
    groups = {group["status"]: group["opportunities"] for group in response.context["groups"]}
    assert groups == {"draft": [draft], "published": [published]}


def test_mine_lists_an_intermediarys_portfolio(personas, chamber):
    _represent(personas, personas.kenyan_sme)
    ours = make_opportunity(personas.kenyan_sme, status="draft")
    make_opportunity(make_firm("Unrepresented Ltd"), status="draft")
    response = chamber.get("/opportunities/mine/")
    assert [o for group in response.context["groups"] for o in group["opportunities"]] == [ours]
    assert "Amani Fresh Foods Ltd" in response.content.decode()


def test_mine_does_not_exist_for_an_operator(personas):
    client = client_for(personas.operator_user)
    assert client.get("/opportunities/mine/").status_code == 404


# The detail page ------------------------------------------------------------------------------------


def test_anyone_sees_a_published_opportunity(personas, client):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    response = client.get(f"/opportunities/{opportunity.reference}/")
    assert response.status_code == 200
    assert response.context["owner_side"] is False
    assert "Kenya" in response.content.decode()


@pytest.mark.parametrize(
    "status", ["draft", "submitted", "on_hold", "rejected", "expired", "withdrawn", "closed"]
)
def test_an_unpublished_opportunity_does_not_exist_for_the_public(personas, client, status):
    opportunity = make_opportunity(personas.kenyan_sme, status=status)
    assert client.get(f"/opportunities/{opportunity.reference}/").status_code == 404


def test_the_owner_sees_status_flags_and_review_comments(personas, amani):
    opportunity = make_opportunity(
        personas.kenyan_sme, status="on_hold", identity_flags=[{"field": "title", "found": "Amani Fresh"}]
    )
    Review.objects.create(
        opportunity=opportunity,
        reviewer_organisation=personas.chamber.organisation,
        clarity=2,
        innovation=3,
        cooperation=3,
        language=3,
        decision="hold",
        comments="Describe the fan in more detail.",
    )
    response = amani.get(f"/opportunities/{opportunity.reference}/")
    page = response.content.decode()
    assert response.context["owner_side"] is True
    assert "Describe the fan in more detail." in page
    assert "<mark>Amani Fresh</mark>" in page
    assert "On hold: changes requested" in page


def test_the_public_detail_offers_to_express_interest(personas, rheinwerk):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    response = rheinwerk.get(f"/opportunities/{opportunity.reference}/")
    assert response.context["express_interest_url"] == f"/introductions/express/{opportunity.reference}/"


def test_only_those_who_may_express_interest_are_offered_to(personas, client):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    url = f"/opportunities/{opportunity.reference}/"
    # A visitor is offered it (and sent to sign in); an intermediary acts for its firms.
    assert client.get(url).context["express_interest_url"]
    chamber = client_for(personas.chamber_staff, personas.chamber.organisation)
    assert chamber.get(url).context["express_interest_url"]
    # An analyst of a public authority expresses no interest: the button would lead to a 404.
    analyst = client_for(personas.analyst_user, personas.analyst_user.memberships.get().organisation)
    response = analyst.get(url)
    assert "express_interest_url" not in response.context
    assert "/introductions/express/" not in response.content.decode()
    assert analyst.get(f"/introductions/express/{opportunity.reference}/").status_code == 404


def test_an_accepted_counterpart_sees_the_owners_identity(personas, rheinwerk):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    ExpressionOfInterest.objects.create(
        opportunity=opportunity,
        firm=personas.german_manufacturer,
        message="We build dryers.",
        status="accepted",
        expires_at=timezone.now(),
    )
    response = rheinwerk.get(f"/opportunities/{opportunity.reference}/")
    assert "Amani Fresh Foods Ltd" in response.content.decode()


# Review ---------------------------------------------------------------------------------------------

GOOD = {"clarity": 4, "innovation": 4, "cooperation": 3, "language": 5}


def test_the_review_queue_lists_what_waits(personas, chamber):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    response = chamber.get("/opportunities/review/")
    assert list(response.context["queue"]) == [opportunity]


@pytest.mark.parametrize("path", ["review/", "{reference}/review/"])
def test_review_pages_do_not_exist_for_firms(personas, rheinwerk, path):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    assert rheinwerk.get("/opportunities/" + path.format(reference=opportunity.reference)).status_code == 404


def test_a_reviewer_publishes(personas, chamber):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    response = chamber.post(f"/opportunities/{opportunity.reference}/review/", GOOD)
    assert response.status_code == 302
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED


def test_the_review_form_refuses_to_publish_while_flags_remain(personas, chamber):
    opportunity = make_opportunity(
        personas.kenyan_sme, status="submitted", identity_flags=[{"field": "title", "found": "Amani Fresh"}]
    )
    response = chamber.post(f"/opportunities/{opportunity.reference}/review/", GOOD)
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["decision"]
    assert "cannot be published until they are gone" in response.content.decode()
    opportunity.refresh_from_db()
    assert opportunity.status == Status.SUBMITTED


def test_rejecting_requires_reasons(personas, chamber):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    response = chamber.post(f"/opportunities/{opportunity.reference}/review/", {**GOOD, "clarity": 0})
    assert list(response.context["form"].errors) == ["comments"]
    assert not Review.objects.exists()


def test_a_score_out_of_range_names_the_field(personas, chamber):
    opportunity = make_opportunity(personas.kenyan_sme, status="submitted")
    response = chamber.post(f"/opportunities/{opportunity.reference}/review/", {**GOOD, "language": 6})
    assert list(response.context["form"].errors) == ["language"]


def test_reviewing_a_published_opportunity_answers_409(personas, chamber):
    opportunity = make_opportunity(personas.kenyan_sme, status="published")
    assert chamber.post(f"/opportunities/{opportunity.reference}/review/", GOOD).status_code == 409


# The printable list ---------------------------------------------------------------------------------


def test_the_printable_list_renders_published_opportunities(personas, client):
    make_opportunity(personas.kenyan_sme, status="published", title="Solar dryer licence")
    make_opportunity(personas.kenyan_sme, status="draft", title="Secret draft")
    response = client.get("/opportunities/print/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Solar dryer licence" in page
    assert "Secret draft" not in page
    assert "@media print" in page


def test_the_printable_list_filters_by_country_sector_and_kind(personas, client):
    make_opportunity(personas.kenyan_sme, status="published", title="Kenyan offer", kind="offer")
    make_opportunity(personas.kenyan_sme, status="published", title="Kenyan request", kind="request")
    make_opportunity(
        personas.german_manufacturer, status="published", title="German offer", sectors=("2829",)
    )

    def titles(**query):
        return sorted(item.title for item in client.get("/opportunities/print/", query).context["items"])

    assert titles(country="KEN") == ["Kenyan offer", "Kenyan request"]
    assert titles(sector="28") == ["German offer"]
    assert titles(sector="C", kind="request") == ["Kenyan request"]
    assert titles(country="KEN", sector="10", kind="offer") == ["Kenyan offer"]


def test_an_unknown_sector_filter_is_reported_and_ignored(personas, client):
    make_opportunity(personas.kenyan_sme, status="published")
    response = client.get("/opportunities/print/", {"sector": "Z99"})
    assert list(response.context["form"].errors) == ["sector"]
    assert len(response.context["items"]) == 1


def test_the_printable_list_is_a_pdf_when_asked(personas, client):
    make_opportunity(personas.kenyan_sme, status="published")
    response = client.get("/opportunities/print/", {"format": "pdf"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


# Confidentiality ------------------------------------------------------------------------------------


def test_no_page_a_non_party_reaches_shows_the_owners_identity(
    personas, client, rheinwerk, chamber, monkeypatch
):
    firm = make_canary_firm()
    published = make_opportunity(firm, status="published")
    submitted = make_opportunity(firm, status="submitted")
    pages = {
        "anonymous detail": client.get(f"/opportunities/{published.reference}/"),
        "foreign firm detail": rheinwerk.get(f"/opportunities/{published.reference}/"),
        "print list": client.get("/opportunities/print/"),
        "review queue": chamber.get("/opportunities/review/"),
        "review page": chamber.get(f"/opportunities/{submitted.reference}/review/"),
    }
    for name, response in pages.items():
        assert response.status_code == 200, name
        assert leaks(response.content.decode()) == [], name
    assert published.title in pages["print list"].content.decode()


def test_the_pdf_shows_no_identity(personas, client, monkeypatch):
    from reportlab import rl_config

    from interfirm.opportunities import printing

    # Standard fonts and no compression, so that the text is readable in the PDF's bytes.
    monkeypatch.setattr(rl_config, "pageCompression", 0)
    monkeypatch.setattr(printing, "_fonts", lambda: ("Helvetica", "Helvetica-Bold"))
    firm = make_canary_firm()
    opportunity = make_opportunity(firm, status="published", title="Visibletitleqx")
    content = client.get("/opportunities/print/", {"format": "pdf"}).content.decode("latin-1")
    assert opportunity.title in content
    assert leaks(content) == []


def test_the_canaries_are_seen_by_the_owner(personas):
    firm = make_canary_firm()
    opportunity = make_opportunity(firm, status="published")
    owner = client_for(firm.organisation.memberships.get().user, firm.organisation)
    assert "Zebulonqx Canary Holdings Ltd" in leaks(
        owner.get(f"/opportunities/{opportunity.reference}/").content.decode()
    )


def test_add_months_keeps_to_the_end_of_a_shorter_month():
    import datetime

    assert add_months(datetime.date(2025, 1, 31), 1) == datetime.date(2025, 2, 28)
    assert add_months(datetime.date(2025, 11, 15), 24) == datetime.date(2027, 11, 15)
