"""The matching pages: who may see them, what they show (never a candidate's name), and the actions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from interfirm.firms.models import Representation
from interfirm.matching.models import Feedback, FeedbackKind, SavedSearch, Suggestion
from interfirm.matching.tests.factories import CANARY, make_network
from interfirm.notifications.models import Notification, Topic
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db


def _amani(personas):
    return client_for(personas.amani_manager, personas.kenyan_sme.organisation)


def _represent(personas, firm):
    import datetime

    return Representation.objects.create(
        firm=firm,
        intermediary=personas.chamber,
        consent_method="signed_form",
        consent_given_on=datetime.date(2026, 1, 5),
        consent_given_by="The manager",
    )


def _chamber(personas):
    return client_for(personas.chamber_staff, personas.chamber.organisation)


def test_the_owner_sees_suggested_partners_of_its_opportunity_with_reasons_and_gaps(personas):
    net = make_network(personas)
    response = _amani(personas).get(reverse("matching:opportunity_suggestions", args=[net.request.reference]))
    html = response.content.decode()
    assert response.status_code == 200
    assert net.german_offer.title in html
    assert "offer meets request in production, both open to supply or manufacturing agreement" in html
    assert "The partner lacks the certification ISO 9001." in html
    assert "<details" in html


def test_no_candidate_name_is_shown_before_acceptance(personas):
    net = make_network(personas)
    for url in (
        reverse("matching:opportunity_suggestions", args=[net.request.reference]),
        reverse("matching:firm_suggestions"),
        reverse("accounts:dashboard"),
    ):
        html = _amani(personas).get(url).content.decode()
        assert net.canary_offer.reference in html or url == reverse("accounts:dashboard")
        assert "CANARYZQX" not in html, url
        assert "Canaryville" not in html
        assert "Rheinwerk" not in html
    assert CANARY.startswith("CANARYZQX")


def test_a_foreign_opportunity_answers_404(personas):
    net = make_network(personas)
    rheinwerk = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    response = rheinwerk.get(reverse("matching:opportunity_suggestions", args=[net.request.reference]))
    assert response.status_code == 404


def test_a_foreign_firm_answers_404(personas):
    make_network(personas)
    response = _amani(personas).get(
        reverse("matching:firm_suggestions_for", args=[personas.german_manufacturer.reference])
    )
    assert response.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(personas):
    net = make_network(personas)
    for url in (
        reverse("matching:firm_suggestions"),
        reverse("matching:opportunity_suggestions", args=[net.request.reference]),
        reverse("matching:saved_searches"),
    ):
        response = Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def _suggestion(net, candidate):
    return Suggestion.objects.get(viewer_opportunity=net.request, candidate_opportunity=candidate)


def test_dismissing_hides_the_suggestion_for_good(personas):
    net = make_network(personas)
    client = _amani(personas)
    page = reverse("matching:opportunity_suggestions", args=[net.request.reference])
    client.get(page)
    row = _suggestion(net, net.indian_offer)
    response = client.post(reverse("matching:dismiss", args=[row.pk]), {"reason": "geography", "next": page})
    assert response.status_code == 302
    assert response["Location"] == page
    assert net.indian_offer.title not in client.get(page).content.decode()
    assert Feedback.objects.get().kind == FeedbackKind.DISMISSED


def test_dismissing_without_a_reason_dismisses_nothing(personas):
    net = make_network(personas)
    client = _amani(personas)
    client.get(reverse("matching:opportunity_suggestions", args=[net.request.reference]))
    row = _suggestion(net, net.indian_offer)
    client.post(reverse("matching:dismiss", args=[row.pk]), {"reason": "nonsense"})
    assert not Feedback.objects.exists()


def test_expressing_interest_records_it_and_goes_to_the_expression_form(personas):
    net = make_network(personas)
    client = _amani(personas)
    client.get(reverse("matching:opportunity_suggestions", args=[net.request.reference]))
    row = _suggestion(net, net.german_offer)
    response = client.post(reverse("matching:interest", args=[row.pk]))
    assert response["Location"] == reverse("introductions:express", args=[net.german_offer.reference])
    assert Feedback.objects.get().kind == FeedbackKind.INTEREST


def test_another_firm_cannot_act_on_a_suggestion(personas):
    net = make_network(personas)
    _amani(personas).get(reverse("matching:opportunity_suggestions", args=[net.request.reference]))
    row = _suggestion(net, net.german_offer)
    rheinwerk = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    assert rheinwerk.post(reverse("matching:save", args=[row.pk])).status_code == 404
    assert rheinwerk.post(reverse("matching:dismiss", args=[row.pk]), {"reason": "size"}).status_code == 404


def test_an_intermediary_sees_its_portfolio_and_forwards_a_suggestion(personas):
    net = make_network(personas)
    _represent(personas, personas.kenyan_sme)
    client = _chamber(personas)
    html = client.get(reverse("matching:firm_suggestions")).content.decode()
    assert "Amani Fresh Foods Ltd" in html  # the chamber represents it
    assert "CANARYZQX" not in html
    page = reverse("matching:firm_suggestions_for", args=[personas.kenyan_sme.reference])
    assert client.get(page).status_code == 200
    row = Suggestion.objects.filter(viewer_firm=personas.kenyan_sme, viewer_opportunity=None).order_by(
        "rank"
    )[0]
    response = client.post(reverse("matching:forward", args=[row.pk]), {"note": "Worth a call"})
    assert response.status_code == 302
    notification = Notification.objects.get(topic=Topic.MATCHING, recipient=personas.amani_manager)
    assert "Worth a call" in notification.body
    assert "CANARYZQX" not in notification.body
    assert net.request.reference


def test_an_intermediary_cannot_see_a_firm_it_does_not_represent(personas):
    make_network(personas)
    page = reverse("matching:firm_suggestions_for", args=[personas.kenyan_sme.reference])
    assert _chamber(personas).get(page).status_code == 404


def test_the_page_says_why_when_there_is_no_index_yet(personas):
    from interfirm.testing import make_opportunity

    make_opportunity(personas.german_manufacturer)
    response = _amani(personas).get(reverse("matching:firm_suggestions"))
    assert response.status_code == 200
    assert "the matching index has not been built" in response.content.decode()


def test_the_search_page_saves_a_search(personas):
    make_network(personas)
    client = _amani(personas)
    html = client.get(reverse("search:opportunities") + "?q=pulping").content.decode()
    assert "Save this search" in html
    response = client.post(
        reverse("matching:saved_search_create"),
        {"name": "Pulping", "query": "q=pulping", "frequency": "daily"},
    )
    assert response["Location"] == reverse("matching:saved_searches")
    saved = SavedSearch.objects.get()
    assert (saved.organisation, saved.query, saved.frequency) == (
        personas.kenyan_sme.organisation,
        "q=pulping",
        "daily",
    )
    assert "Pulping" in client.get(reverse("matching:saved_searches")).content.decode()


def test_an_opportunity_page_offers_alerts_for_opportunities_like_it(personas):
    net = make_network(personas)
    client = _amani(personas)
    assert (
        "Alert me to opportunities like this"
        in client.get(net.german_offer.get_absolute_url()).content.decode()
    )
    client.post(reverse("matching:like", args=[net.german_offer.reference]))
    assert SavedSearch.objects.get().like_opportunity == net.german_offer


def test_opportunities_like_one_that_closed_keep_its_reference_without_a_link_to_a_404(personas):
    net = make_network(personas)
    client = _amani(personas)
    client.post(reverse("matching:like", args=[net.german_offer.reference]))
    link = f'href="{net.german_offer.get_absolute_url()}"'
    assert link in client.get(reverse("matching:saved_searches")).content.decode()
    type(net.german_offer).objects.filter(pk=net.german_offer.pk).update(status="withdrawn")
    page = client.get(reverse("matching:saved_searches")).content.decode()
    assert link not in page and net.german_offer.reference in page
    assert client.get(net.german_offer.get_absolute_url()).status_code == 404


def test_the_saved_searches_link_shows_only_to_whom_may_save_searches(personas):
    net = make_network(personas)
    url = reverse("matching:opportunity_suggestions", args=[net.german_offer.reference])
    link = f'href="{reverse("matching:saved_searches")}"'
    owner = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    assert link in owner.get(url).content.decode()
    operator = client_for(personas.operator_user)
    page = operator.get(url)
    assert page.status_code == 200 and link not in page.content.decode()
    assert operator.get(reverse("matching:saved_searches")).status_code == 404


def test_a_saved_search_of_another_organisation_answers_404(personas):
    make_network(personas)
    _amani(personas).post(
        reverse("matching:saved_search_create"), {"name": "Mine", "query": "", "frequency": "weekly"}
    )
    saved = SavedSearch.objects.get()
    rheinwerk = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    assert rheinwerk.get(reverse("matching:saved_search_edit", args=[saved.pk])).status_code == 404
    assert rheinwerk.post(reverse("matching:saved_search_delete", args=[saved.pk])).status_code == 404


def test_the_candidates_name_shows_once_its_interest_was_accepted(personas):
    from interfirm.introductions.models import EoiStatus, ExpressionOfInterest

    net = make_network(personas)
    ExpressionOfInterest.objects.create(
        opportunity=net.request,
        firm=net.canary_firm,
        message="We make pulping lines.",
        status=EoiStatus.ACCEPTED,
        expires_at=net.request.published_at,
    )
    html = (
        _amani(personas)
        .get(reverse("matching:opportunity_suggestions", args=[net.request.reference]))
        .content.decode()
    )
    assert CANARY in html
    assert "Rheinwerk" not in html  # the others stay anonymous


def _page_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # computed and stored; the next request reads the stored rows
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode().count('class="card suggestion"')


def test_the_page_reads_as_many_queries_for_twelve_suggestions_as_for_three(personas):
    from interfirm.firms.models import Certification
    from interfirm.matching import services
    from interfirm.testing import make_firm, make_opportunity

    net = make_network(personas)
    client = _amani(personas)
    url = reverse("matching:opportunity_suggestions", args=[net.request.reference])
    few_queries, few = _page_queries(client, url)
    for i in range(9):
        firm = make_firm(f"Pulping maker {i}", country=("IND", "BRA", "DEU")[i % 3], sectors=("2829",))
        firm.certifications.set(Certification.objects.filter(code="haccp"))
        make_opportunity(
            firm,
            title=f"Pulping line number {i}",
            kind="offer",
            domains=("production",),
            arrangement_types=("supply",),
            sectors=("2829",),
            summary="Pulping and drying lines for mango processors.",
        )
    services.matching_rebuild()
    many_queries, many = _page_queries(client, url)
    assert many >= few + 9
    assert many_queries == few_queries


def test_every_feature_of_the_engine_has_a_label_on_the_page():
    from interfirm.matching.engine.features import FEATURES
    from interfirm.matching.selectors import FEATURE_LABELS

    assert set(FEATURES) <= set(FEATURE_LABELS)


def _messages(response) -> list[str]:
    return [str(m) for m in response.wsgi_request._messages]


@pytest.mark.parametrize(
    "posting,expected",
    [
        (
            {"name": "x" * 121, "query": "q=pulping", "frequency": "weekly"},
            "Name of the saved search: Ensure",
        ),
        (
            {"name": "Pulping", "query": "q=pulping", "frequency": "hourly"},
            "Send new matches: Select a valid",
        ),
        (
            {"name": "Pulping", "query": "country=ZZZ&q=pulping", "frequency": "weekly"},
            "The search was not saved: Country of the owner:",
        ),
    ],
    ids=["name too long", "unknown frequency", "unknown country"],
)
def test_a_search_saved_with_bad_input_says_what_is_wrong_and_saves_nothing(personas, posting, expected):
    make_network(personas)
    response = _amani(personas).post(reverse("matching:saved_search_create"), posting)
    assert response.status_code == 302
    assert any(m.startswith(expected) for m in _messages(response)), _messages(response)
    assert not SavedSearch.objects.exists()


def test_a_dismissal_with_a_note_too_long_says_so_and_dismisses_nothing(personas):
    net = make_network(personas)
    client = _amani(personas)
    client.get(reverse("matching:opportunity_suggestions", args=[net.request.reference]))
    row = _suggestion(net, net.indian_offer)
    response = client.post(
        reverse("matching:dismiss", args=[row.pk]), {"reason": "geography", "note": "x" * 501}
    )
    assert [m for m in _messages(response) if m.startswith("Note (optional): Ensure")]
    assert not Feedback.objects.exists()


def test_a_forward_with_a_note_too_long_is_refused_not_sent_without_it(personas):
    make_network(personas)
    _represent(personas, personas.kenyan_sme)
    client = _chamber(personas)
    client.get(reverse("matching:firm_suggestions_for", args=[personas.kenyan_sme.reference]))
    row = Suggestion.objects.filter(viewer_firm=personas.kenyan_sme, viewer_opportunity=None).order_by(
        "rank"
    )[0]
    response = client.post(reverse("matching:forward", args=[row.pk]), {"note": "x" * 1001})
    assert [m for m in _messages(response) if m.startswith("A note to the firm (optional): Ensure")]
    assert not Notification.objects.filter(topic=Topic.MATCHING, recipient=personas.amani_manager).exists()


def test_a_saved_search_keeps_its_readiness_filter_and_refuses_a_bad_one(personas):
    make_network(personas)
    client = _amani(personas)
    client.post(
        reverse("matching:saved_search_create"),
        {"name": "Ready", "query": "readiness=ready&domain=technology", "frequency": "weekly"},
    )
    assert SavedSearch.objects.get().query == "domain=technology&readiness=ready"
    response = client.post(
        reverse("matching:saved_search_create"),
        {"name": "Bad", "query": "readiness=9", "frequency": "weekly"},
    )
    assert any(m.startswith("The search was not saved:") for m in _messages(response))
    assert SavedSearch.objects.count() == 1
