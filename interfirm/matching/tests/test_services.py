"""Keeping suggestions current and the hard rules, end to end through the services."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from interfirm.matching import engine_adapter, services
from interfirm.matching.models import Feedback, FeedbackKind, IndexState, SavedSearchSent, Suggestion
from interfirm.matching.selectors import suggestions_for_viewer
from interfirm.matching.tests.factories import make_network
from interfirm.notifications.models import Notification, Topic
from interfirm.opportunities import services as opportunity_services
from interfirm.testing import make_firm, make_opportunity

pytestmark = pytest.mark.django_db


def _candidates(personas, net, opportunity=None):
    views, _reason = suggestions_for_viewer(
        user=personas.amani_manager, viewer_firm=personas.kenyan_sme, viewer_opportunity=opportunity
    )
    return [v.opportunity.reference if v.opportunity else v.profile.reference for v in views]


def _brazilian_offer():
    """A new firm's offer that meets the Kenyan request of ``make_network`` (published, not indexed)."""
    brazil = make_firm("Brazil Fruit Machines", country="BRA", sectors=("2829",))
    return make_opportunity(
        brazil, title="Mango pulping lines", kind="offer", domains=("production",),
        arrangement_types=("supply",), sectors=("2829",),
    )  # fmt: skip


def test_the_request_is_suggested_the_offers_that_meet_it_never_its_own(personas):
    net = make_network(personas)
    found = _candidates(personas, net, net.request)
    assert set(found) == {net.german_offer.reference, net.indian_offer.reference, net.canary_offer.reference}
    assert net.request.reference not in found


def test_a_stored_suggestion_keeps_its_reasons_gaps_and_algorithm_version(personas):
    net = make_network(personas)
    _candidates(personas, net, net.request)
    row = Suggestion.objects.get(viewer_opportunity=net.request, candidate_opportunity=net.german_offer)
    assert row.algorithm == engine_adapter.algorithm().version
    assert row.reasons[0]["feature"] == "complementarity"
    assert row.reasons[0]["text"] == "offer meets request in production, both open to supply"
    assert {k: row.gaps[0][k] for k in ("kind", "item", "side")} == {
        "kind": "certification",
        "item": "iso-9001",
        "side": "candidate",
    }


def test_a_withdrawn_opportunity_is_gone_after_one_task_run(personas, django_capture_on_commit_callbacks):
    net = make_network(personas)
    _candidates(personas, net, net.request)
    version = IndexState.objects.get().version
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_services.opportunity_withdraw(actor=None, acting_for=None, opportunity=net.german_offer)
    assert IndexState.objects.get().version != version
    assert not Suggestion.objects.filter(candidate_opportunity=net.german_offer).exists()
    assert net.german_offer.reference not in _candidates(personas, net, net.request)


def test_an_expired_opportunity_is_gone_after_the_expiry_run(personas, django_capture_on_commit_callbacks):
    net = make_network(personas)
    net.indian_offer.deadline = timezone.localdate() - datetime.timedelta(days=1)
    net.indian_offer.save()
    with django_capture_on_commit_callbacks(execute=True):
        opportunity_services.opportunities_expire_due()
    assert net.indian_offer.reference not in _candidates(personas, net, net.request)


def test_a_newly_published_opportunity_is_suggested_after_the_refresh(
    personas, django_capture_on_commit_callbacks
):
    net = make_network(personas)
    assert len(_candidates(personas, net, net.request)) == 3
    offer = _brazilian_offer()
    services.matching_index_refresh(opportunity_id=offer.pk)
    assert offer.reference in _candidates(personas, net, net.request)


def test_a_dismissed_candidate_is_never_suggested_again(personas):
    net = make_network(personas)
    _candidates(personas, net, net.request)
    row = Suggestion.objects.get(viewer_opportunity=net.request, candidate_opportunity=net.indian_offer)
    services.suggestion_dismiss(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        suggestion=row,
        reason="size",
    )
    assert net.indian_offer.reference not in _candidates(personas, net, net.request)
    services.matching_rebuild()
    assert net.indian_offer.reference not in _candidates(personas, net, net.request)
    feedback = Feedback.objects.get(kind=FeedbackKind.DISMISSED)
    assert (feedback.reason, feedback.algorithm, feedback.score) == ("size", row.algorithm, row.score)


def test_the_dashboard_suggests_opportunities_of_other_firms(personas):
    net = make_network(personas)
    found = _candidates(personas, net)
    assert net.request.reference not in found
    assert net.german_offer.reference in found


def test_no_index_yet_says_so(personas):
    make_opportunity(personas.german_manufacturer)
    views, reason = suggestions_for_viewer(user=personas.amani_manager, viewer_firm=personas.kenyan_sme)
    assert views == []
    assert reason == (
        "No suggestions yet, because the matching index has not been built (manage.py matching_rebuild)."
    )


def test_nothing_published_says_so(personas):
    services.matching_rebuild()
    personas.german_manufacturer.delete()
    views, reason = suggestions_for_viewer(user=personas.amani_manager, viewer_firm=personas.kenyan_sme)
    assert (views, reason) == (
        [],
        "No suggestions yet, because no other firm has published an offer or a request.",
    )


# Saved searches and digests ---------------------------------------------------------------------


def _saved(personas, **kwargs):
    return services.saved_search_create(
        actor=personas.amani_manager, acting_for=personas.kenyan_sme.organisation, name="Pulping", **kwargs
    )


def test_a_digest_lists_new_matches_and_never_the_same_opportunity_twice(personas):
    net = make_network(personas)
    saved = _saved(personas, query="q=pulping&page=3&kind=offer")
    assert saved.query == "q=pulping&kind=offer"
    now = timezone.now()
    assert services.saved_search_send_digest(saved_search=saved, now=now) == 3
    notification = Notification.objects.get(topic=Topic.MATCHING)
    assert notification.recipient == personas.amani_manager
    assert net.german_offer.reference in notification.body
    saved.refresh_from_db()
    later = now + datetime.timedelta(days=8)
    assert services.saved_search_send_digest(saved_search=saved, now=later) == 0
    assert SavedSearchSent.objects.filter(saved_search=saved).count() == 3


def test_a_digest_never_lists_the_firms_own_opportunities(personas):
    net = make_network(personas)
    saved = _saved(personas, query="q=pulping")
    services.saved_search_send_digest(saved_search=saved)
    sent = set(SavedSearchSent.objects.values_list("opportunity_id", flat=True))
    assert net.request.pk not in sent
    assert net.german_offer.pk in sent


def test_a_weekly_digest_is_not_due_the_next_day(personas):
    make_network(personas)
    saved = _saved(personas, query="q=pulping")
    now = timezone.now()
    services.saved_search_send_digest(saved_search=saved, now=now)
    saved.refresh_from_db()
    assert services.saved_search_due(saved, now + datetime.timedelta(days=1)) is False
    assert services.saved_search_due(saved, now + datetime.timedelta(days=7)) is True


def test_opportunities_like_this_come_from_the_engine(personas):
    net = make_network(personas)
    saved = _saved(personas, like_opportunity=net.german_offer)
    found = services.saved_search_matches(saved)
    assert net.german_offer not in found
    assert {o.pk for o in found} >= {net.indian_offer.pk, net.canary_offer.pk}
    assert net.request not in found


def test_readiness_levels_reach_the_engine_on_its_scale():
    from interfirm.matching.fetch import _readiness_value

    assert [
        _readiness_value((level, False))[0] for level in ("not_ready", "emerging", "ready", "experienced")
    ] == [
        1,
        2,
        4,
        5,
    ]
    assert _readiness_value(("ready", True)) == (4, True)
    assert _readiness_value(("", False)) == (None, False)


_QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # enqueues, never runs


def _queued_refreshes():
    from django_tasks import task_backends
    from django_tasks.backends.dummy import DummyBackend

    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    return [r.kwargs for r in backend.results if r.task.name == "matching_refresh_suggestions"]


def test_after_a_publication_the_page_shows_its_rows_and_a_task_computes_them_again(personas, settings):
    net = make_network(personas)
    before = set(_candidates(personas, net, net.request))
    old_version = IndexState.objects.get().version
    offer = _brazilian_offer()
    services.matching_index_refresh(opportunity_id=offer.pk)  # a new version: the rows are stale
    settings.TASKS = _QUEUED
    assert set(_candidates(personas, net, net.request)) == before  # served at once, as they were
    assert set(_candidates(personas, net, net.request)) == before
    assert _queued_refreshes() == [
        {"viewer_firm_id": personas.kenyan_sme.pk, "viewer_opportunity_id": net.request.pk}
    ]  # once per viewer and version, however often the page is viewed
    assert {r.index_version for r in Suggestion.objects.filter(viewer_opportunity=net.request)} == {
        old_version
    }
    stored = services.suggestions_refresh_viewer(
        viewer_firm_id=personas.kenyan_sme.pk, viewer_opportunity_id=net.request.pk
    )  # what the worker runs
    assert stored == Suggestion.objects.filter(viewer_opportunity=net.request).count() > 0
    assert offer.reference in _candidates(personas, net, net.request)
    assert (
        services.suggestions_refresh_viewer(  # current already: nothing to do, the rows are kept
            viewer_firm_id=personas.kenyan_sme.pk, viewer_opportunity_id=net.request.pk
        )
        == stored
    )


def test_stale_rows_never_show_a_candidate_withdrawn_since(
    personas, settings, django_capture_on_commit_callbacks
):
    net = make_network(personas)
    assert net.german_offer.reference in _candidates(personas, net, net.request)
    settings.TASKS = _QUEUED  # the refresh of the index is left to run by hand below
    with django_capture_on_commit_callbacks(execute=False):
        opportunity_services.opportunity_withdraw(actor=None, acting_for=None, opportunity=net.german_offer)
    # The index does not know yet; the page reads the candidate's state and leaves it out.
    assert net.german_offer.reference not in _candidates(personas, net, net.request)
    services.matching_index_refresh(opportunity_id=net.german_offer.pk)
    assert net.german_offer.reference not in _candidates(personas, net, net.request)


def test_rows_older_than_the_limit_or_a_limit_of_0_are_computed_while_the_page_waits(personas, settings):
    net = make_network(personas)
    _candidates(personas, net, net.request)
    offer = _brazilian_offer()
    services.matching_index_refresh(opportunity_id=offer.pk)
    settings.TASKS = _QUEUED
    Suggestion.objects.update(computed_at=timezone.now() - datetime.timedelta(hours=2))
    assert offer.reference in _candidates(personas, net, net.request)
    assert _queued_refreshes() == []
    services.matching_index_refresh(opportunity_id=offer.pk)
    settings.MATCHING_STALE_SECONDS = 0  # no task worker at this installation
    version = IndexState.objects.get().version
    _candidates(personas, net, net.request)
    assert {r.index_version for r in Suggestion.objects.filter(viewer_opportunity=net.request)} == {version}
    assert _queued_refreshes() == []


def test_a_page_computes_on_the_processs_older_index_while_the_current_one_loads(
    personas, settings, monkeypatch
):
    import threading

    net = make_network(personas)
    engine_adapter.suggestions_for(viewer_firm_id=personas.kenyan_sme.pk)  # this process holds the index
    old_version = IndexState.objects.get().version
    old_index = engine_adapter._loaded["index"]
    offer = _brazilian_offer()
    services.matching_index_refresh(opportunity_id=offer.pk)  # writes the file of a new version
    new_version = IndexState.objects.get().version
    # As in another web process: its copy is of the older version. (The loading thread reads the
    # stamp on its own connection, which does not see this test's transaction: it is told here.)
    monkeypatch.setattr(engine_adapter, "current_version", lambda: new_version)
    engine_adapter._loaded.update(version=old_version, index=old_index)
    Suggestion.objects.filter(viewer_opportunity=net.request).delete()  # a first view
    settings.TASKS = _QUEUED
    rows, version = engine_adapter.suggestions_for(
        viewer_firm_id=personas.kenyan_sme.pk, viewer_opportunity_id=net.request.pk
    )
    assert version == new_version and rows
    assert {row.index_version for row in rows} == {old_version}  # computed again by the task later
    for thread in threading.enumerate():
        if thread.name == "matching-index-load":
            thread.join(timeout=60)
    assert engine_adapter._loaded["version"] == new_version
    assert (
        engine_adapter._loaded["index"] is not old_index
        and f"opp:{offer.pk}" in engine_adapter._loaded["index"]
    )
    services.suggestions_refresh_viewer(
        viewer_firm_id=personas.kenyan_sme.pk, viewer_opportunity_id=net.request.pk
    )
    assert offer.reference in _candidates(personas, net, net.request)


def test_warming_an_index_asks_it_once_and_stores_nothing(personas, caplog):
    import logging

    make_network(personas)
    _version, held = engine_adapter.index()
    assert held is not None
    current = held  # the index the recording one delegates to
    stored = Suggestion.objects.count()
    asked = []

    class Recording:
        def __iter__(self):
            return iter(current)

        def suggest(self, query, **kwargs):
            asked.append((query.key, kwargs["today"]))
            return current.suggest(query, **kwargs)

    engine_adapter.warm(Recording())
    assert len(asked) == 1 and asked[0][1] == timezone.localdate()
    assert Suggestion.objects.count() == stored

    class Broken(Recording):
        def suggest(self, query, **kwargs):
            raise RuntimeError("a damaged index")

    with caplog.at_level(logging.ERROR, logger=engine_adapter.logger.name):
        engine_adapter.warm(Broken())  # logged; the first page makes the caches instead
    assert "could not warm the matching index" in caplog.text
    engine_adapter.warm([])  # an empty index: nothing to ask


def test_the_network_read_for_matching_knows_who_led_each_partnership(personas):
    from interfirm.matching.fetch import fetch_network
    from interfirm.partnerships import services as partnership_services
    from interfirm.partnerships.services import PartyInput
    from interfirm.partnerships.tests.factories import make_deal, move

    other = make_firm()
    third = make_firm()

    def record(lead, title):
        return partnership_services.partnership_record(
            actor=personas.chamber_staff,
            acting_for=personas.chamber.organisation,
            intermediary=personas.chamber,
            title=title,
            parties=[
                PartyInput(firm=f, role=partnership_services.party_role(f, lead))
                for f in (personas.kenyan_sme, other, third)
            ],
            arrangement_types=["supply"],
            stage="implementation",
            started_on=datetime.date(2024, 6, 1),
            agreement_signed_on=datetime.date(2024, 7, 1),
        )

    led = record(other, "Led by the second firm")
    unknown = record(None, "Lead not known")
    deal = make_deal(personas)
    move(deal, "negotiation", "agreement", on=datetime.date(2024, 8, 1))
    leads = {p.key: p.lead_ids for p in fetch_network().partnerships}
    assert leads[f"partnership:{led.pk}"] == (other.pk,)
    assert leads[f"partnership:{unknown.pk}"] == ()
    # Opened from an expression of interest: the owner of the opportunity chose its partner.
    assert leads[f"partnership:{deal.partnership.pk}"] == (deal.owner.pk,)
