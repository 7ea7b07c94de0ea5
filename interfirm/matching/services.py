"""Writes of matching: the stored suggestions (kept current after every change of an opportunity, rebuilt
by ``matching_rebuild``), feedback on suggestions, forwarding by intermediaries, saved searches and
their digests.

How the suggestions stay shared between processes: the engine's index lives in one file under
``VAR_DIR/matching/`` written by whichever process changed it (a task worker, the rebuild command),
with its version stamp in the ``IndexState`` row; a process that holds an older version reloads the
file before using it. The suggestions themselves are stored as ``Suggestion`` rows, computed by the
refresh task and the rebuild, so web processes only read rows — never the index — and every stored
suggestion carries the algorithm version that made it. See ``engine_adapter`` for the one place where
the engine is called.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from interfirm.audit.services import audit_record
from interfirm.matching import engine_adapter
from interfirm.matching.models import (
    Feedback,
    FeedbackKind,
    Frequency,
    SavedSearch,
    SavedSearchKind,
    SavedSearchSent,
    Suggestion,
)
from interfirm.notifications.models import Topic
from interfirm.notifications.services import notify
from interfirm.opportunities.models import Opportunity, Status
from interfirm.opportunities.selectors import opportunity_is_open

if TYPE_CHECKING:
    from interfirm.accounts.models import Organisation, User
    from interfirm.firms.models import Firm

logger = logging.getLogger(__name__)

DIGEST_MAX = 20
_DIGEST_SLACK = datetime.timedelta(hours=1)
_PERIODS = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(days=7)}


def _later(render: Any) -> Any:
    """Return the text ``render()`` gives as a lazy text, so that ``notify`` renders it in each
    recipient's language."""
    return lazy(render, str)()


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Promise) else value


# Keeping the suggestions current ---------------------------------------------------------------------


def matching_index_refresh(*, opportunity_id: int) -> int:
    """Bring the index and the stored suggestions up to date with one opportunity; return how many
    suggestions were stored.

    A published opportunity is (re)indexed, its own suggestions recomputed, and it is offered to the
    firms it suits best; anything else (draft, expired, withdrawn, closed, deleted) leaves the index
    and every stored suggestion that names it. Safe to run again, from any process.
    """
    with transaction.atomic():
        opportunity = Opportunity.objects.select_for_update().filter(pk=opportunity_id).first()
        published = opportunity is not None and opportunity.status == Status.PUBLISHED
        if not published:
            Suggestion.objects.filter(candidate_opportunity_id=opportunity_id).delete()
            Suggestion.objects.filter(viewer_opportunity_id=opportunity_id).delete()
        stored = engine_adapter.refresh_opportunity(opportunity_id=opportunity_id, published=published)
    return stored


def matching_index_refresh_on_commit(opportunity_id: int) -> None:
    """Enqueue the refresh of one opportunity once the current transaction commits (a task; the test
    and immediate backends run it at once)."""
    from interfirm.matching.tasks import matching_refresh_opportunity

    transaction.on_commit(
        partial(matching_refresh_opportunity.enqueue, opportunity_id=opportunity_id), robust=True
    )


def matching_rebuild(*, precompute: bool | None = None) -> engine_adapter.RebuildReport:
    """Rebuild the index from the database and drop the stored suggestions; ``precompute`` (default:
    only at a small size) computes them all again at once instead of when first asked for."""
    return engine_adapter.rebuild(precompute=precompute)


def suggestions_compute_for_firms(*, firm_ids: list[int]) -> int:
    """Compute the dashboard suggestions of these firms and of their published opportunities now."""
    return engine_adapter.compute_for_firms(firm_ids=firm_ids)


def suggestions_refresh_viewer(*, viewer_firm_id: int, viewer_opportunity_id: int | None = None) -> int:
    """Compute a viewer's stored suggestions again at the current index version (nothing when they are
    current, or when the viewer no longer exists); return how many are stored."""
    return len(
        engine_adapter.recompute(viewer_firm_id=viewer_firm_id, viewer_opportunity_id=viewer_opportunity_id)
    )


def suggestions_refresh_for_firm(*, firm_id: int) -> int:
    """Recompute the stored dashboard suggestions of one firm (after its profile changed)."""
    return engine_adapter.refresh_firm(firm_id=firm_id)


# Feedback ---------------------------------------------------------------------------------------------


def _feedback(
    *,
    actor: User,
    acting_for: Organisation | None,
    suggestion: Suggestion,
    kind: str,
    reason: str = "",
    note: str = "",
    forwarded_to: Firm | None = None,
) -> Feedback:
    return Feedback.objects.create(
        suggestion=suggestion,
        viewer_firm_id=suggestion.viewer_firm_id,
        viewer_opportunity_id=suggestion.viewer_opportunity_id,
        candidate_firm_id=suggestion.candidate_firm_id,
        candidate_opportunity_id=suggestion.candidate_opportunity_id,
        kind=kind,
        reason=reason,
        note=note,
        score=suggestion.score,
        reasons=suggestion.reasons,
        algorithm=suggestion.algorithm,
        actor=actor,
        acting_for=acting_for,
        forwarded_to=forwarded_to,
    )


@transaction.atomic
def suggestion_save(*, actor: User, acting_for: Organisation | None, suggestion: Suggestion) -> Feedback:
    """Keep ``suggestion`` in the viewer's saved list (once; saving again returns the first record)."""
    existing = Feedback.objects.filter(
        viewer_firm_id=suggestion.viewer_firm_id,
        candidate_firm_id=suggestion.candidate_firm_id,
        candidate_opportunity_id=suggestion.candidate_opportunity_id,
        kind=FeedbackKind.SAVED,
    ).first()
    if existing is not None:
        return existing
    feedback = _feedback(actor=actor, acting_for=acting_for, suggestion=suggestion, kind=FeedbackKind.SAVED)
    audit_record(actor=actor, acting_for=acting_for, action="matching.save", obj=feedback, changes={})
    return feedback


@transaction.atomic
def suggestion_dismiss(
    *, actor: User, acting_for: Organisation | None, suggestion: Suggestion, reason: str, note: str = ""
) -> Feedback:
    """Dismiss ``suggestion`` with a reason: the candidate (that firm, or that firm's opportunity) is
    never suggested to the viewer firm again, on any of its pages."""
    feedback = _feedback(
        actor=actor,
        acting_for=acting_for,
        suggestion=suggestion,
        kind=FeedbackKind.DISMISSED,
        reason=reason,
        note=note,
    )
    Suggestion.objects.filter(
        viewer_firm_id=suggestion.viewer_firm_id,
        candidate_firm_id=suggestion.candidate_firm_id,
        candidate_opportunity_id=suggestion.candidate_opportunity_id,
    ).delete()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="matching.dismiss",
        obj=feedback,
        changes={"reason": reason},
    )
    return feedback


@transaction.atomic
def suggestion_interest(*, actor: User, acting_for: Organisation | None, suggestion: Suggestion) -> Feedback:
    """Record that the viewer went on to express interest from ``suggestion`` (the expression itself is
    made in the introductions app)."""
    feedback = _feedback(
        actor=actor, acting_for=acting_for, suggestion=suggestion, kind=FeedbackKind.INTEREST
    )
    audit_record(actor=actor, acting_for=acting_for, action="matching.interest", obj=feedback, changes={})
    return feedback


@transaction.atomic
def suggestion_forward(
    *, actor: User, acting_for: Organisation, suggestion: Suggestion, note: str = ""
) -> Feedback:
    """Forward ``suggestion`` from an intermediary to the firm it was made for, with a note; the firm's
    members are notified (and the intermediary, when it is the firm's contact channel)."""
    firm = suggestion.viewer_firm
    feedback = _feedback(
        actor=actor,
        acting_for=acting_for,
        suggestion=suggestion,
        kind=FeedbackKind.FORWARDED,
        note=note,
        forwarded_to=firm,
    )
    from django.urls import reverse

    candidate = suggestion.candidate_opportunity
    partner = suggestion.candidate_firm

    def body() -> str:
        text = str(_("%(intermediary)s suggests a partner for you: a %(size)s firm in %(country)s.")) % {
            "intermediary": acting_for.name,
            "size": _plain(partner.get_size_class_display() or _("firm")),
            "country": partner.country.label,  # written in the recipient's language
        }
        if candidate is not None:
            text = f"{text}\n{candidate.reference}: {candidate.title}"
        return f"{text}\n\n{note}" if note else text

    notify(
        topic=Topic.MATCHING,
        recipients=[firm.organisation],
        subject=_("A suggested partner from your intermediary"),
        body=_later(body),
        url=reverse("matching:firm_suggestions"),
    )
    audit_record(actor=actor, acting_for=acting_for, action="matching.forward", obj=feedback, changes={})
    return feedback


# Saved searches ---------------------------------------------------------------------------------------


@transaction.atomic
def saved_search_create(
    *,
    actor: User,
    acting_for: Organisation,
    name: str,
    query: str = "",
    like_opportunity: Opportunity | None = None,
    frequency: str = Frequency.WEEKLY,
) -> SavedSearch:
    """Save a search (the search page's query string) or an "opportunities like this" request.
    A search whose filters the search page refuses raises ``InvalidQuery`` (nothing is saved)."""
    if like_opportunity is None:
        errors = saved_search_query_errors(query)
        if errors:
            raise InvalidQuery(errors)
    saved = SavedSearch.objects.create(
        organisation=acting_for,
        created_by=actor,
        name=name,
        kind=SavedSearchKind.LIKE if like_opportunity is not None else SavedSearchKind.SEARCH,
        query="" if like_opportunity is not None else clean_query(query),
        like_opportunity=like_opportunity,
        frequency=frequency,
    )
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="matching.saved_search_create",
        obj=saved,
        changes={"name": name, "query": saved.query, "frequency": frequency},
    )
    return saved


@transaction.atomic
def saved_search_update(
    *,
    actor: User,
    acting_for: Organisation,
    saved_search: SavedSearch,
    name: str,
    frequency: str,
    is_active: bool,
) -> SavedSearch:
    """Rename a saved search, change how often it is sent, pause or resume it."""
    before = {
        "name": saved_search.name,
        "frequency": saved_search.frequency,
        "is_active": saved_search.is_active,
    }
    saved_search.name, saved_search.frequency, saved_search.is_active = name, frequency, is_active
    saved_search.save(update_fields=["name", "frequency", "is_active"])
    after = {"name": name, "frequency": frequency, "is_active": is_active}
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="matching.saved_search_update",
        obj=saved_search,
        changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
    )
    return saved_search


@transaction.atomic
def saved_search_delete(*, actor: User, acting_for: Organisation, saved_search: SavedSearch) -> None:
    """Delete a saved search and its record of what was sent."""
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="matching.saved_search_delete",
        obj=saved_search,
        changes={"name": saved_search.name},
    )
    saved_search.delete()


# The search page's own parameters; anything else in a query string (page, csrf …) is dropped.
SEARCH_PARAMS = (
    "q",
    "kind",
    "domain",
    "arrangement",
    "sector",
    "country",
    "region",
    "economy_group",
    "ldc",
    "size",
    "corridor",
    "deadline_within",
    "deadline_before",
    "readiness",
)


class InvalidQuery(ValueError):
    """A saved search's query has filters the search page refuses: ``errors`` is {parameter: message}."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(f"{name}: {message}" for name, message in errors.items()))
        self.errors = errors


def saved_search_query_errors(query: str) -> dict[str, str]:
    """Return {search parameter: message} for the filters of ``query`` that the search page refuses
    (an unknown country or sector code, a value not among the choices); empty when all are valid."""
    from interfirm.search.forms import OpportunitySearchForm

    form = OpportunitySearchForm(QueryDict(clean_query(query)))
    if form.is_valid():
        return {}
    return {
        name: " ".join(str(message) for message in messages)
        for name, messages in form.errors.items()
        if name != "__all__"
    } or {"query": " ".join(str(m) for m in form.non_field_errors())}


def clean_query(query: str) -> str:
    """Return ``query`` with only the search page's parameters, in a stable order."""
    parsed = QueryDict(query.lstrip("?"))
    kept = QueryDict(mutable=True)
    for name in SEARCH_PARAMS:
        value = parsed.get(name, "").strip()
        if value:
            kept[name] = value
    return kept.urlencode()


def _viewer_firm(organisation: Organisation) -> Firm | None:
    from interfirm.accounts.models import OrganisationKind
    from interfirm.firms.models import Firm

    if organisation.kind != OrganisationKind.FIRM:
        return None
    return Firm.objects.filter(organisation=organisation, merged_into__isnull=True).first()


def _own_firm_ids(organisation: Organisation) -> set[int]:
    """Return the firms whose opportunities an organisation's digests leave out: its own firm, or the
    firms an intermediary represents (they know their own opportunities)."""
    from interfirm.firms.models import Firm, Representation

    own = set(Firm.objects.filter(organisation=organisation).values_list("pk", flat=True))
    own |= set(
        Representation.objects.filter(
            intermediary__organisation=organisation, ended_at__isnull=True
        ).values_list("firm_id", flat=True)
    )
    return own


def saved_search_matches(saved_search: SavedSearch, *, limit: int = DIGEST_MAX) -> list[Opportunity]:
    """Return the published opportunities the saved search finds that were never sent to it, newest
    first: never one of the organisation's own firm(s), never one past its deadline."""
    today = timezone.localdate()
    organisation = saved_search.organisation
    exclude = _own_firm_ids(organisation)
    sent = set(
        SavedSearchSent.objects.filter(saved_search=saved_search).values_list("opportunity_id", flat=True)
    )
    ids: list[int] = []
    if saved_search.kind == SavedSearchKind.LIKE:
        if saved_search.like_opportunity_id is not None:
            ids = engine_adapter.opportunities_like(
                opportunity_id=saved_search.like_opportunity_id, limit=limit * 3
            )
    else:
        ids = _search_ids(saved_search.query, _viewer_firm(organisation), limit=limit * 3)
    wanted = [pk for pk in ids if pk not in sent]
    found = {
        opportunity.pk: opportunity
        for opportunity in Opportunity.objects.filter(pk__in=wanted).exclude(firm_id__in=exclude)
        if opportunity_is_open(opportunity, today)
    }
    return [found[pk] for pk in wanted if pk in found][:limit]


def _search_ids(query: str, viewer_firm: Firm | None, *, limit: int) -> list[int]:
    from interfirm.search.forms import OpportunitySearchForm
    from interfirm.search.selectors import Sort, opportunity_search

    form = OpportunitySearchForm(QueryDict(query), viewer_firm=viewer_firm)
    form.is_valid()  # an invalid filter (a code since removed) is ignored, like on the page
    result = opportunity_search(
        q=form.search_words(),
        filters=form.filters(),
        viewer_firm=viewer_firm,
        sort=Sort.NEWEST,
        per_page=limit,
    )
    return result.ids


def saved_search_due(saved_search: SavedSearch, now: datetime.datetime) -> bool:
    """Return whether the digest of ``saved_search`` is due at ``now``."""
    if not saved_search.is_active:
        return False
    if saved_search.last_sent_at is None:
        return True
    return saved_search.last_sent_at + _PERIODS[Frequency(saved_search.frequency)] - _DIGEST_SLACK <= now


@dataclass(frozen=True)
class DigestReport:
    searches: int
    digests: int
    opportunities: int


def _digest_recipients(saved_search: SavedSearch) -> list[Any]:
    from interfirm.accounts.models import Membership

    user = saved_search.created_by
    if (
        user is not None
        and Membership.objects.filter(user=user, organisation=saved_search.organisation).exists()
    ):
        return [user]
    return [saved_search.organisation]


@transaction.atomic
def saved_search_send_digest(*, saved_search: SavedSearch, now: datetime.datetime | None = None) -> int:
    """Send one saved search's digest of new matching opportunities; return how many it listed.

    Each opportunity is recorded as sent (a unique row per search and opportunity), so no digest of this
    search ever lists it again, even when two workers run the digests at once.
    """
    from django.urls import reverse

    moment = now or timezone.now()
    locked = SavedSearch.objects.select_for_update().get(pk=saved_search.pk)
    if not saved_search_due(locked, moment):
        return 0
    opportunities = saved_search_matches(locked)
    locked.last_sent_at = moment
    locked.save(update_fields=["last_sent_at"])
    if not opportunities:
        return 0
    created = SavedSearchSent.objects.bulk_create(
        [SavedSearchSent(saved_search=locked, opportunity=o, sent_at=moment) for o in opportunities],
        ignore_conflicts=True,
    )
    del created  # ignore_conflicts gives no ids; read back what this run recorded
    fresh = set(
        SavedSearchSent.objects.filter(saved_search=locked, sent_at=moment).values_list(
            "opportunity_id", flat=True
        )
    )
    opportunities = [o for o in opportunities if o.pk in fresh]
    if not opportunities:
        return 0
    lines = [f"{o.reference}: {o.title} — {o.get_absolute_url()}" for o in opportunities]
    count, name = len(opportunities), locked.name
    notify(
        topic=Topic.MATCHING,
        recipients=_digest_recipients(locked),
        subject=_later(
            lambda: (
                ngettext(
                    "%(count)d new opportunity for your saved search “%(name)s”",
                    "%(count)d new opportunities for your saved search “%(name)s”",
                    count,
                )
                % {"count": count, "name": name}
            )
        ),
        body="\n".join(lines),
        url=reverse("matching:saved_searches"),
    )
    return len(opportunities)


def saved_searches_send_due(*, now: datetime.datetime | None = None) -> DigestReport:
    """Send every saved search's digest that is due; return what was sent."""
    moment = now or timezone.now()
    searches = digests = listed = 0
    for saved_search in (
        SavedSearch.objects.filter(is_active=True).select_related("organisation").order_by("pk")
    ):
        if not saved_search_due(saved_search, moment):
            continue
        searches += 1
        count = saved_search_send_digest(saved_search=saved_search, now=moment)
        if count:
            digests += 1
            listed += count
    return DigestReport(searches=searches, digests=digests, opportunities=listed)
