"""The demo exchange as loaded, played by ``timeline`` through the services: opportunities in every
status, kind, domain and corridor, the report's cases, expressions of interest in every state,
anonymity, the review queue, dates that follow the day of loading."""

from __future__ import annotations

import datetime
import re
from collections import Counter

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from interfirm.accounts.models import Membership, OrganisationKind, User
from interfirm.demo.data.opportunities import CASE_OPPORTUNITIES, CASE_STATUSES
from interfirm.demo.exchange import QUEUE_FOR_LOGIN_INTERMEDIARY, STATUS_COUNTS, build_exchange
from interfirm.demo.generator import DEMO_DOMAIN, build_network
from interfirm.demo.models import DemoObject
from interfirm.demo.services import demo_delete, demo_load
from interfirm.firms.models import Firm, Representation
from interfirm.firms.selectors import user_can_see_identity
from interfirm.geo.corridors import CorridorKind, corridor_of
from interfirm.geo.selectors import countries_with_groups
from interfirm.introductions.models import DeclineReason, EoiStatus, ExpressionOfInterest, Message, Side
from interfirm.notifications.models import Delivery, Notification, Topic
from interfirm.opportunities.identity import SEARCHED_FIELDS, identity_flags_for
from interfirm.opportunities.models import ArrangementType, Domain, Kind, Opportunity, ReviewDecision, Status
from interfirm.opportunities.selectors import opportunities_for_review
from interfirm.opportunities.services import reviewer_organisations
from interfirm.search.models import SearchEntry
from interfirm.search.selectors import opportunity_search
from interfirm.testing import make_intermediary, make_user

ENZYMES = "Bangalore Enzymes Private Limited (demo)"
CORK = "Cork Biochemicals Limited (demo)"


def _published() -> list[Opportunity]:
    return list(
        Opportunity.objects.filter(status=Status.PUBLISHED)
        .select_related("firm")
        .prefetch_related("partner_countries")
    )


def _case(key: str) -> Opportunity:
    content = next(content for content in CASE_OPPORTUNITIES if content.key == key)
    return Opportunity.objects.get(title=content.title)


def test_it_loads_four_hundred_opportunities_in_every_status(demo, db):
    counts = dict(Opportunity.objects.values_list("status").annotate(n=Count("pk")))
    assert counts == {**STATUS_COUNTS, Status.PUBLISHED: 300}
    assert demo.opportunities == counts
    assert set(counts) == set(Status.values)


def test_published_opportunities_cover_both_kinds_every_domain_and_arrangement_type(demo, db):
    published = _published()
    assert {o.kind for o in published} == set(Kind.values)
    assert {d for o in published for d in o.domains} == set(Domain.values)
    assert {a for o in published for a in o.arrangement_types} == set(ArrangementType.values)


def test_published_opportunities_seek_partners_in_every_corridor(demo, db):
    countries = {country.iso3: country for country in countries_with_groups()}
    corridors = [
        corridor_of(countries[o.firm.country_id], countries[partner.iso3])
        for o in _published()
        for partner in o.partner_countries.all()
    ]
    assert {corridor.kind for corridor in corridors} == set(CorridorKind.values)
    assert any(corridor.involves_ldc for corridor in corridors)
    assert any(corridor.involves_transition for corridor in corridors)


def test_opportunities_are_spread_across_the_demo_firms(demo, db):
    firms = Opportunity.objects.values("firm").distinct().count()
    assert firms == Firm.objects.count()


def test_no_opportunity_text_identifies_its_owner(demo, db):
    opportunities = list(Opportunity.objects.select_related("firm").prefetch_related("firm__contacts"))
    assert len(opportunities) == 400
    assert [o.reference for o in opportunities if identity_flags_for(o)] == []
    assert [o.reference for o in opportunities if o.identity_flags] == []


def test_no_opportunity_text_names_its_owner_s_city(demo, db):
    named = []
    for opportunity in Opportunity.objects.select_related("firm"):
        text = " ".join(str(getattr(opportunity, name)) for name in SEARCHED_FIELDS)
        if re.search(rf"\b{re.escape(opportunity.firm.city)}\b", text, flags=re.IGNORECASE):
            named.append(opportunity.reference)
    assert named == []


def test_each_published_opportunity_was_published_by_a_reviewer_of_its_firm(demo, db):
    wrong = []
    for opportunity in _published():
        review = opportunity.reviews.order_by("-created_at", "-pk").first()
        assert review is not None
        allowed = {organisation.pk for organisation in reviewer_organisations(opportunity.firm)}
        scores = (review.clarity, review.innovation, review.cooperation, review.language)
        if (
            review.decision != ReviewDecision.PUBLISH
            or review.reviewer_organisation_id not in allowed
            or min(scores) < settings.OPPORTUNITY_REVIEW_PUBLISH_MIN
        ):
            wrong.append(opportunity.reference)
    assert wrong == []


def test_reviews_put_on_hold_or_rejected_say_why(demo, db):
    for status, decision in ((Status.ON_HOLD, ReviewDecision.HOLD), (Status.REJECTED, ReviewDecision.REJECT)):
        for opportunity in Opportunity.objects.filter(status=status):
            review = opportunity.reviews.order_by("-created_at", "-pk").first()
            assert review is not None and review.decision == decision
            assert len(review.comments) > 40


def test_the_published_opportunities_are_in_the_search_index(demo, db):
    published = set(Opportunity.objects.filter(status=Status.PUBLISHED).values_list("pk", flat=True))
    assert set(SearchEntry.objects.values_list("opportunity_id", flat=True)) == published


def test_the_report_cases_are_there_with_their_statuses(demo, db):
    statuses = {content.key: _case(content.key).status for content in CASE_OPPORTUNITIES}
    assert statuses == {
        content.key: CASE_STATUSES.get(content.key, "published") for content in CASE_OPPORTUNITIES
    }
    assert _case("case-papain-isinglass-offer").firm.legal_name == ENZYMES
    assert _case("case-plant-enzymes-request").firm.legal_name == CORK
    assert _case("case-indian-software-partners").firm.country_id == "CAN"
    assert _case("case-appliance-know-how-transfer").firm.country_id == "TUR"
    assert _case("case-heavy-oil-research").firm.country_id == "VEN"
    assert _case("case-pasture-monitoring-technology").firm.country_id == "URY"
    assert _case("case-furniture-subcontracting").firm.country_id == "EGY"


def test_the_enzymes_offer_and_request_match_each_other(demo, db):
    offer, request = _case("case-papain-isinglass-offer"), _case("case-plant-enzymes-request")
    assert (offer.kind, request.kind) == (Kind.OFFER, Kind.REQUEST)
    assert "IRL" in set(offer.partner_countries.values_list("iso3", flat=True))
    assert "IND" in set(request.partner_countries.values_list("iso3", flat=True))
    assert set(offer.sectors.all()) & set(request.sectors.all())
    found = opportunity_search(q="papain isinglass").ids
    assert {offer.pk, request.pk} <= set(found)


def test_the_demo_intermediary_manager_has_a_review_queue(demo, db):
    membership = Membership.objects.get(user__email=f"intermediary.manager@{DEMO_DOMAIN}")
    queue = opportunities_for_review(membership=membership)
    assert queue.count() >= QUEUE_FOR_LOGIN_INTERMEDIARY
    assert {o.firm.country_id for o in queue} <= {"KEN", "UGA", "TZA", "RWA"}


def test_expressions_of_interest_are_in_every_state_with_messages(demo, db):
    counts = Counter(ExpressionOfInterest.objects.values_list("status", flat=True))
    assert set(counts) == set(EoiStatus.values)
    assert demo.interests == dict(counts)
    assert sum(counts.values()) >= 140
    with_messages = set(Message.objects.values_list("expression__status", flat=True).distinct())
    assert {EoiStatus.OPEN, EoiStatus.ACCEPTED, EoiStatus.DECLINED} <= with_messages


def test_declined_expressions_give_various_reasons(demo, db):
    reasons = set(
        ExpressionOfInterest.objects.filter(status=EoiStatus.DECLINED).values_list(
            "decline_reason", flat=True
        )
    )
    assert len(reasons) >= 5
    assert reasons <= set(DeclineReason.values)


def test_the_demo_firm_has_sent_and_received_expressions(demo, db):
    enzymes = Firm.objects.get(legal_name=ENZYMES)
    sent = set(ExpressionOfInterest.objects.filter(firm=enzymes).values_list("status", flat=True))
    received = set(
        ExpressionOfInterest.objects.filter(opportunity__firm=enzymes).values_list("status", flat=True)
    )
    assert sent == {EoiStatus.ACCEPTED, EoiStatus.OPEN, EoiStatus.WITHDRAWN, EoiStatus.DECLINED}
    assert {EoiStatus.OPEN, EoiStatus.DECLINED, EoiStatus.EXPIRED} <= received


def test_the_accepted_enzymes_introduction_reveals_both_identities(demo, db):
    enzymes, cork = Firm.objects.get(legal_name=ENZYMES), Firm.objects.get(legal_name=CORK)
    eoi = ExpressionOfInterest.objects.get(firm=enzymes, opportunity__firm=cork)
    assert eoi.status == EoiStatus.ACCEPTED
    assert set(eoi.messages.values_list("side", flat=True)) == {Side.OWNER, Side.INTERESTED}
    cork_manager = User.objects.get(email=f"siobhan.walsh@{DEMO_DOMAIN}")
    enzymes_manager = User.objects.get(email=f"firm.manager@{DEMO_DOMAIN}")
    assert user_can_see_identity(cork_manager, enzymes)
    assert user_can_see_identity(enzymes_manager, cork)


def test_a_firm_without_an_accepted_expression_stays_anonymous(demo, db):
    enzymes = Firm.objects.get(legal_name=ENZYMES)
    rotterdam_manager = User.objects.get(email=f"femke.bakker@{DEMO_DOMAIN}")
    assert not user_can_see_identity(rotterdam_manager, enzymes)


def test_intermediaries_expressed_interest_for_firms_they_represent(demo, db):
    by_intermediaries = ExpressionOfInterest.objects.filter(submitted_for__kind=OrganisationKind.INTERMEDIARY)
    assert by_intermediaries.count() >= 10
    for eoi in by_intermediaries:
        assert Representation.objects.filter(
            firm=eoi.firm, intermediary__organisation=eoi.submitted_for, ended_at__isnull=True
        ).exists()


def test_no_firm_has_more_open_expressions_than_allowed(demo, db):
    open_counts = Counter(
        ExpressionOfInterest.objects.filter(status=EoiStatus.OPEN).values_list("firm_id", flat=True)
    )
    assert max(open_counts.values()) <= settings.EOI_MAX_OPEN_PER_FIRM


def test_dates_follow_the_day_of_loading(demo, db):
    today, now = timezone.localdate(), timezone.now()
    assert not Opportunity.objects.filter(status=Status.PUBLISHED, deadline__lt=today).exists()
    assert not Opportunity.objects.filter(status=Status.EXPIRED, deadline__gte=today).exists()
    assert not Opportunity.objects.filter(created_at__gt=now).exists()
    assert not ExpressionOfInterest.objects.filter(status=EoiStatus.OPEN, expires_at__lte=now).exists()
    oldest = Opportunity.objects.order_by("created_at").first()
    assert oldest is not None and oldest.created_at < now - datetime.timedelta(days=200)


def test_the_load_sends_no_email(demo, db):
    assert Notification.objects.filter(recipient__email__endswith=DEMO_DOMAIN).count() > 1000
    assert Delivery.objects.count() == 0


def test_reset_deletes_the_opportunities_their_index_and_the_notifications(demo, db):
    demo_delete()
    assert Opportunity.objects.count() == 0
    assert SearchEntry.objects.count() == 0
    assert ExpressionOfInterest.objects.count() == 0
    assert Notification.objects.count() == 0
    assert DemoObject.objects.count() == 0


def test_reset_deletes_the_notifications_sent_to_reviewers_outside_the_demo(demo, db):
    demo_delete()
    reviewer = make_user()
    make_intermediary("Indian Chamber (not demo)", country="IND", staff=reviewer)
    network = build_network(firm_count=20)  # the case firms and a few others, to keep it quick
    demo_load(network=network, exchange=build_exchange(network, count=len(CASE_OPPORTUNITIES)))
    assert Notification.objects.filter(recipient=reviewer, topic=Topic.REVIEW_REQUEST).exists()
    demo_delete()
    assert not Notification.objects.filter(recipient=reviewer).exists()
    assert User.objects.filter(pk=reviewer.pk).exists()
