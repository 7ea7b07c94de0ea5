"""Reads of matching across the permission boundary.

Who sees the suggestions of a firm (and of its opportunities): the firm's members, the members of an
intermediary actively representing it, and operators. Anyone else gets a 404. Candidates are shown
through their anonymous profile (``firms.selectors.firm_anonymous_profile``) and, when they have one,
their published opportunity in its anonymous form; a candidate's name is shown only to a user whom
``user_can_see_identity`` allows (its own side, or after an accepted expression of interest).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.accounts.selectors import is_operator
from interfirm.firms.models import Firm, Representation
from interfirm.firms.selectors import AnonymousFirmProfile, firm_anonymous_profiles
from interfirm.lib.urls import reverser
from interfirm.matching import engine_adapter
from interfirm.matching.engine import is_uninformed
from interfirm.matching.models import DismissReason, Feedback, FeedbackKind, SavedSearch, Suggestion
from interfirm.opportunities.models import Opportunity, Status
from interfirm.opportunities.selectors import opportunity_is_open

if TYPE_CHECKING:
    from interfirm.intermediaries.models import Intermediary

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# The user-facing name of each feature of the engine (its reasons are listed under these).
FEATURE_LABELS: dict[str, Any] = {
    "complementarity": gettext_lazy("Offer meets request"),
    "mutuality": gettext_lazy("Both sides bring something"),
    "sector_fit": gettext_lazy("Sector fit"),
    "text_relevance": gettext_lazy("What you describe and seek"),
    "requirements_met": gettext_lazy("Requirements met"),
    "geography": gettext_lazy("Geography and corridor"),
    "size_complementarity": gettext_lazy("Size"),
    "readiness": gettext_lazy("Partnership readiness"),
    "freshness": gettext_lazy("Freshness and deadline"),
    "track_record": gettext_lazy("Track record"),
    "past_partners": gettext_lazy("Past partners"),
    "past_partners_in_field": gettext_lazy("Past partners in the field"),
    "follow_up": gettext_lazy("Follow-up of a joint partnership"),
    "network_proximity": gettext_lazy("Network of past partnerships"),
    "proximity_in_field": gettext_lazy("Network in the field"),
    "field_activity": gettext_lazy("Activity in the field"),
    "country_affinity": gettext_lazy("Partnerships between these countries"),
    "org_type_affinity": gettext_lazy("Partnerships between these kinds of organisation"),
}
# The intermediary services that close each kind of gap.
GAP_SERVICES: dict[str, tuple[str, ...]] = {
    "certification": ("quality-certification",),
    "capacity": ("diagnosis", "pre-feasibility"),
    "language": ("training", "partner-search"),
    "size": ("partner-search",),
    "partner_type": ("partner-search",),
}
SHOWN_REASONS = 6
INTERMEDIARIES_PER_GAP = 3


# Who may see whose suggestions ------------------------------------------------------------------------


def _membership(membership: Membership | None) -> Membership | None:
    return membership if membership else None


def viewer_firms(*, membership: Membership | None) -> list[Firm]:
    """Return the firms whose suggestions the acting organisation sees: its own firm, or for an
    intermediary every firm in its portfolio (by name)."""
    membership = _membership(membership)
    if membership is None:
        return []
    organisation = membership.organisation
    if organisation.kind == OrganisationKind.FIRM:
        return list(Firm.objects.filter(organisation=organisation, merged_into__isnull=True))
    if organisation.kind == OrganisationKind.INTERMEDIARY:
        return list(
            Firm.objects.filter(
                representations__intermediary__organisation=organisation,
                representations__ended_at__isnull=True,
                merged_into__isnull=True,
            )
            .select_related("country")
            .prefetch_related("sectors")
            .order_by("legal_name", "pk")
            .distinct()
        )
    return []


def acts_for_firm(*, user: Any, membership: Membership | None, firm: Firm) -> bool:
    """Return whether the user, acting through ``membership``, acts for ``firm`` (or is an operator)."""
    if user is None or not user.is_authenticated:
        return False
    if is_operator(user):
        return True
    membership = _membership(membership)
    if membership is None:
        return False
    if membership.organisation_id == firm.organisation_id:
        return True
    return membership.organisation.kind == OrganisationKind.INTERMEDIARY and (
        Representation.objects.filter(
            firm=firm, intermediary__organisation_id=membership.organisation_id, ended_at__isnull=True
        ).exists()
    )


def viewer_firm_get(*, user: Any, membership: Membership | None, reference: str | None) -> Firm:
    """Return the firm whose suggestions are asked for: the acting firm (no ``reference``), or the firm
    ``reference`` when the acting organisation acts for it. ``Http404`` otherwise."""
    membership = _membership(membership)
    if reference is None:
        if membership is None or membership.organisation.kind != OrganisationKind.FIRM:
            raise Http404
        firm = Firm.objects.filter(organisation=membership.organisation, merged_into__isnull=True).first()
    else:
        firm = Firm.objects.filter(reference=reference, merged_into__isnull=True).first()
    if firm is None or not acts_for_firm(user=user, membership=membership, firm=firm):
        raise Http404
    return firm


def suggestion_get_for_user(*, user: Any, membership: Membership | None, pk: int) -> Suggestion:
    """Return the stored suggestion ``pk`` if the acting organisation acts for its viewer firm."""
    suggestion = (
        Suggestion.objects.select_related(
            "viewer_firm", "viewer_firm__organisation", "candidate_firm", "candidate_firm__country"
        )
        .filter(pk=pk)
        .first()
    )
    if suggestion is None or not acts_for_firm(user=user, membership=membership, firm=suggestion.viewer_firm):
        raise Http404
    return suggestion


def saved_searches_of(*, membership: Membership | None) -> list[SavedSearch]:
    """Return the acting organisation's saved searches."""
    membership = _membership(membership)
    if membership is None:
        return []
    return list(
        SavedSearch.objects.filter(organisation_id=membership.organisation_id).select_related(
            "like_opportunity"
        )
    )


def saved_search_get(*, membership: Membership | None, pk: int) -> SavedSearch:
    """Return the acting organisation's saved search ``pk``; ``Http404`` for any other."""
    membership = _membership(membership)
    found = (
        SavedSearch.objects.filter(pk=pk, organisation_id=membership.organisation_id).first()
        if membership is not None
        else None
    )
    if found is None:
        raise Http404
    return found


# What a page shows of a suggestion ---------------------------------------------------------------------


@dataclass(frozen=True)
class ReasonView:
    feature: str
    label: str
    text: str
    score: float
    contribution: float


@dataclass(frozen=True)
class IntermediaryRef:
    name: str
    url: str
    country: str


@dataclass(frozen=True)
class GapView:
    side: str  # "candidate" (the partner lacks it) or "query" (the viewer lacks it)
    kind: str
    text: str
    intermediaries: tuple[IntermediaryRef, ...]


@dataclass(frozen=True)
class CandidateOpportunity:
    reference: str
    title: str
    kind: str
    kind_label: str
    url: str
    deadline: Any


@dataclass(frozen=True)
class SuggestionView:
    """One suggestion as a page shows it: nothing that names the candidate unless ``identity`` is set."""

    pk: int
    rank: int
    score: float
    percent: int
    algorithm: str
    profile: AnonymousFirmProfile
    identity: str  # the candidate's name, only when the viewer may see it
    opportunity: CandidateOpportunity | None
    reasons: tuple[ReasonView, ...]
    more_reasons: tuple[ReasonView, ...]
    gaps: tuple[GapView, ...]
    saved: bool
    interested: bool
    express_url: str = ""
    # Where the page's buttons post (save, dismiss, express interest, forward to the firm).
    save_url: str = ""
    dismiss_url: str = ""
    interest_url: str = ""
    forward_url: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _certification_names() -> dict[str, str]:
    from interfirm.firms.models import Certification

    return dict(Certification.objects.values_list("code", "name"))


def _language_names() -> dict[str, str]:
    from interfirm.geo.models import Language
    from interfirm.geo.names import language_name

    # Written inside a sentence of the page's language ("(espagnol)" in French).
    return {code: language_name(code, name) for code, name in Language.objects.values_list("code", "name")}


def _gap_text(gap: dict[str, Any], certifications: dict[str, str], languages: dict[str, str]) -> str:
    kind, item = gap.get("kind", ""), str(gap.get("item", ""))
    candidate = gap.get("side") == "candidate"
    if kind == "certification":
        name = certifications.get(item, item)
        return (
            _("The partner lacks the certification %(name)s.")
            if candidate
            else _("You lack the certification %(name)s the partner asks for.")
        ) % {"name": name}
    if kind == "language":
        names = ", ".join(languages.get(code.strip(), code.strip()) for code in item.split(","))
        return (
            _("The partner works in none of the languages asked for (%(names)s).")
            if candidate
            else _("You work in none of the languages the partner asks for (%(names)s).")
        ) % {"names": names}
    if kind == "capacity":
        return (
            _("The partner states no capacity against what is asked: %(capacity)s")
            if candidate
            else _("You state no capacity against what the partner asks: %(capacity)s")
        ) % {"capacity": item}
    if kind == "size":
        return (
            _("The partner is not of the size asked for.")
            if candidate
            else _("You are not of the size the partner asks for.")
        )
    if kind == "partner_type":
        return (
            _("The partner is not the kind of organisation asked for.")
            if candidate
            else _("You are not the kind of organisation the partner asks for.")
        )
    return str(gap.get("text", ""))


def _intermediaries_offering(
    pairs: set[tuple[str, str]],
) -> dict[tuple[str, str], tuple[IntermediaryRef, ...]]:
    """Return, for each (country, service), listed intermediaries covering the country with the service."""
    from interfirm.geo.models import Country
    from interfirm.intermediaries.models import Intermediary

    if not pairs:
        return {}
    countries = {country for country, _service in pairs}
    services = {service for _country, service in pairs}
    found: dict[tuple[str, str], list[IntermediaryRef]] = defaultdict(list)
    found_rows = (
        Intermediary.objects.filter(
            is_listed=True, countries_covered__in=countries, services__code__in=services
        )
        .values_list("countries_covered", "services__code", "name", "slug", "country")
        .order_by("name")
        .distinct()
    )
    from django.urls import reverse

    rows = list(found_rows)
    # The intermediary's own country, named in the language of the page.
    homes = {c.iso3: c.label for c in Country.objects.filter(iso3__in={row[4] for row in rows})}
    for country, service, name, slug, home in rows:
        key = (country, service)
        if key in pairs and len(found[key]) < INTERMEDIARIES_PER_GAP:
            found[key].append(
                IntermediaryRef(
                    name, reverse("intermediaries:detail", kwargs={"slug": slug}), homes.get(home, home or "")
                )
            )
    return {key: tuple(value) for key, value in found.items()}


class _LocalNumber(float):
    """A number that a message formats ("{lift:.1f}") with the decimal separator of the page's
    language (1,7 in French)."""

    def __format__(self, spec: str) -> str:
        from django.utils.formats import get_format

        text = format(float(self), spec)
        separator = str(get_format("DECIMAL_SEPARATOR"))
        return text.replace(".", separator) if separator != "." else text


def _code_labels() -> dict[str, dict[str, str]]:
    """Return, for each reason parameter that holds codes, the user's words for them (lower case:
    they are read inside a sentence; country names as they are written)."""
    from interfirm.firms.models import SizeClass
    from interfirm.opportunities.models import ArrangementType, Domain

    domains = {code: str(label).lower() for code, label in Domain.choices}
    arrangements = {code: str(label).lower() for code, label in ArrangementType.choices}
    sizes = {code: str(label).lower() for code, label in SizeClass.choices}
    return {
        "domains": domains,
        "gives": domains,
        "gets": domains,
        "arrangements": arrangements,
        "size": sizes,
        "other_size": sizes,
        "country": (countries := _CountryNames()),
        "other_country": countries,
    }


class _CountryNames(dict[str, str]):
    """Country names by ISO code in the language of the page, read on the first lookup (most pages
    name no country in a reason, and a reason read outside a request needs no database)."""

    def get(self, code: str, default: str | None = None) -> str:  # type: ignore[override]
        if not self:
            from interfirm.geo.models import Country

            self.update({c.iso3: c.label for c in Country.objects.all()})
        return super().get(code, code if default is None else default)


def reason_text(
    reason: dict[str, Any],
    *,
    certifications: dict[str, str] | None = None,
    languages: dict[str, str] | None = None,
    code_labels: dict[str, dict[str, str]] | None = None,
) -> str:
    """Return the line of a stored reason in the language of the request.

    The engine writes it in English and keeps the message it wrote it from (``engine.wording``);
    the message is looked up in the catalogues, codes among its parameters are put in words (domains,
    arrangement types, sizes, the gap it names) and dates written as a month. A reason stored without
    its message (a feature of an installation's own, or a row of an older version), or one whose
    translation does not fit its parameters, keeps its English line: a catalogue's slip never breaks
    a page.
    """
    text = str(reason.get("text", ""))
    message = reason.get("message")
    if not message or not isinstance(message, str):
        return text
    try:
        return _written_again(reason, message, certifications, languages, code_labels)
    except (KeyError, IndexError, ValueError, TypeError, AttributeError):
        return text


def _written_again(
    reason: dict[str, Any],
    message: str,
    certifications: dict[str, str] | None,
    languages: dict[str, str] | None,
    code_labels: dict[str, dict[str, str]] | None,
) -> str:
    from django.utils.translation import ngettext

    plural, count = reason.get("plural"), reason.get("count")
    template = ngettext(message, str(plural), count) if plural and isinstance(count, int) else _(message)
    labels = code_labels if code_labels is not None else _code_labels()
    params: dict[str, object] = {}
    for name, value in dict(reason.get("params") or {}).items():
        if name in labels and isinstance(value, str):
            value = ", ".join(labels[name].get(code, code) for code in value.split(", ") if code)
        elif isinstance(value, str) and _ISO_DATE.fullmatch(value):
            value = date_format(datetime.date.fromisoformat(value), "YEAR_MONTH_FORMAT")
        elif isinstance(value, float):
            value = _LocalNumber(value)
        params[str(name)] = value
    if params.get("gap_kind"):
        gap = {k: params.get(f"gap_{k}", "") for k in ("kind", "item", "side")}
        line = _gap_text(gap, certifications or {}, languages or {}).rstrip(".")
        params["gap"] = line[:1].lower() + line[1:]
    return template.format(**params)


def _reason_views(
    reasons: list[dict[str, Any]],
    labels: dict[str, str],
    *,
    certifications: dict[str, str] | None = None,
    languages: dict[str, str] | None = None,
    code_labels: dict[str, dict[str, str]] | None = None,
) -> list[ReasonView]:
    words = code_labels if code_labels is not None else _code_labels()
    views = [
        ReasonView(
            feature=str(r.get("feature", "")),
            label=labels.get(r.get("feature", ""), str(r.get("feature", ""))),
            text=reason_text(r, certifications=certifications, languages=languages, code_labels=words),
            score=float(r.get("score", 0.0)),
            contribution=float(r.get("contribution", 0.0)),
        )
        for r in reasons
    ]
    # The reasons that weigh in the score first; the others ("no partnership on record") after, and
    # after them those that had nothing to compare ("no requirements on either side").
    informed = [not is_uninformed(str(r.get("message", ""))) for r in reasons]
    order = sorted(range(len(views)), key=lambda i: (not informed[i], -views[i].contribution))
    return [views[i] for i in order]


def _identities_visible(user: Any, firms: list[Firm]) -> set[int]:
    """Return the ids of ``firms`` whose identity ``user`` may see — the rule of
    ``firms.selectors.user_can_see_identity`` (members, representing intermediaries, operators, the
    accepted counterparts and their intermediaries), answered for all of them in a few queries."""
    from interfirm.introductions.models import EoiStatus, ExpressionOfInterest

    if user is None or not user.is_authenticated or not firms:
        return set()
    if is_operator(user):
        return {firm.pk for firm in firms}
    ids = {firm.pk for firm in firms}
    organisations = set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True))
    represented = set(
        Representation.objects.filter(
            intermediary__organisation_id__in=organisations, ended_at__isnull=True
        ).values_list("firm_id", flat=True)
    )
    own = set(Firm.objects.filter(organisation_id__in=organisations).values_list("pk", flat=True))
    visible = {firm.pk for firm in firms if firm.organisation_id in organisations or firm.pk in represented}
    sides = own | represented
    if sides:
        accepted = ExpressionOfInterest.objects.filter(status=EoiStatus.ACCEPTED)
        visible.update(
            accepted.filter(firm_id__in=ids, opportunity__firm_id__in=sides).values_list("firm_id", flat=True)
        )
        visible.update(
            accepted.filter(opportunity__firm_id__in=ids, firm_id__in=sides).values_list(
                "opportunity__firm_id", flat=True
            )
        )
    return visible


def suggestion_views(*, user: Any, viewer_firm: Firm, rows: list[Suggestion]) -> list[SuggestionView]:
    """Return the pages' view of stored suggestions: candidates still open, anonymous unless the user may
    see their identity, with the intermediaries that close each gap in the country of whoever lacks it.
    """
    today = timezone.localdate()
    candidate_ids = {row.candidate_firm_id for row in rows}
    if not rows:
        return []
    firms = {
        firm.pk: firm
        for firm in Firm.objects.filter(pk__in=candidate_ids, merged_into__isnull=True).select_related(
            "country"
        )
    }
    opportunity_ids = {row.candidate_opportunity_id for row in rows if row.candidate_opportunity_id}
    opportunities = {
        o.pk: o
        for o in Opportunity.objects.filter(pk__in=opportunity_ids).only(
            "pk", "reference", "title", "kind", "deadline", "status", "firm_id"
        )
        if opportunity_is_open(o, today)
    }
    feedback: dict[tuple[int, Any], set[str]] = defaultdict(set)
    for candidate_firm_id, candidate_opportunity_id, kind in Feedback.objects.filter(
        viewer_firm=viewer_firm, kind__in=(FeedbackKind.SAVED, FeedbackKind.INTEREST, FeedbackKind.DISMISSED)
    ).values_list("candidate_firm_id", "candidate_opportunity_id", "kind"):
        feedback[(candidate_firm_id, candidate_opportunity_id)].add(kind)
        if kind == FeedbackKind.DISMISSED and candidate_opportunity_id is None:
            feedback[(candidate_firm_id, "*")].add(kind)
    pairs: set[tuple[str, str]] = set()
    kept: list[tuple[Suggestion, Firm, Opportunity | None]] = []
    for row in rows:
        firm = firms.get(row.candidate_firm_id)
        if firm is None or firm.pk == viewer_firm.pk:
            continue
        opportunity = (
            opportunities.get(row.candidate_opportunity_id) if row.candidate_opportunity_id else None
        )
        if row.candidate_opportunity_id and opportunity is None:
            continue  # withdrawn, expired or closed since it was suggested
        done = feedback.get((row.candidate_firm_id, row.candidate_opportunity_id), set())
        if FeedbackKind.DISMISSED in done or feedback.get((row.candidate_firm_id, "*")):
            continue
        kept.append((row, firm, opportunity))
        for gap in row.gaps:
            country = firm.country_id if gap.get("side") == "candidate" else viewer_firm.country_id
            for service in GAP_SERVICES.get(gap.get("kind", ""), ()):
                pairs.add((country, service))
    offering = _intermediaries_offering(pairs)
    identities = _identities_visible(user, [firm for _row, firm, _o in kept])
    profiles = firm_anonymous_profiles(firm for _row, firm, _o in kept)
    if any(row.gaps for row, _firm, _o in kept):
        certifications, languages = _certification_names(), _language_names()
    else:
        certifications = languages = {}
    labels = {name: str(label) for name, label in FEATURE_LABELS.items()}
    code_labels = _code_labels()  # once for the page, not once per reason
    kinds: dict[str, str] = {}
    detail_url = reverser("opportunities:detail", "reference")
    express_url = reverser("introductions:express", "reference")
    action_urls = {
        name: reverser(f"matching:{name}", "pk", numeric=True)
        for name in ("save", "dismiss", "interest", "forward")
    }
    views = []
    for row, firm, opportunity in kept:
        gaps = []
        for gap in row.gaps:
            country = firm.country_id if gap.get("side") == "candidate" else viewer_firm.country_id
            helpers: list[IntermediaryRef] = []
            for service in GAP_SERVICES.get(gap.get("kind", ""), ()):
                for ref in offering.get((country, service), ()):
                    if ref not in helpers:
                        helpers.append(ref)
            gaps.append(
                GapView(
                    side=str(gap.get("side", "")),
                    kind=str(gap.get("kind", "")),
                    text=_gap_text(gap, certifications, languages),
                    intermediaries=tuple(helpers[:INTERMEDIARIES_PER_GAP]),
                )
            )
        reasons = _reason_views(
            row.reasons,
            labels,
            certifications=certifications,
            languages=languages,
            code_labels=code_labels,
        )
        done = feedback.get((row.candidate_firm_id, row.candidate_opportunity_id), set())
        views.append(
            SuggestionView(
                pk=row.pk,
                rank=row.rank,
                score=row.score,
                percent=round(row.score * 100),
                algorithm=row.algorithm,
                profile=profiles[firm.pk],
                identity=(firm.trade_name or firm.legal_name) if firm.pk in identities else "",
                opportunity=CandidateOpportunity(
                    opportunity.reference,
                    opportunity.title,
                    opportunity.kind,
                    kinds.get(opportunity.kind)
                    or kinds.setdefault(opportunity.kind, str(opportunity.get_kind_display())),
                    detail_url(opportunity.reference),
                    opportunity.deadline,
                )
                if opportunity is not None
                else None,
                reasons=tuple(r for r in reasons[:SHOWN_REASONS]),
                more_reasons=tuple(reasons[SHOWN_REASONS:]),
                gaps=tuple(gaps),
                saved=FeedbackKind.SAVED in done,
                interested=FeedbackKind.INTEREST in done,
                express_url=express_url(opportunity.reference) if opportunity is not None else "",
                save_url=action_urls["save"](row.pk),
                dismiss_url=action_urls["dismiss"](row.pk),
                interest_url=action_urls["interest"](row.pk),
                forward_url=action_urls["forward"](row.pk),
            )
        )
    return views


def suggestions_for_viewer(
    *, user: Any, viewer_firm: Firm, viewer_opportunity: Opportunity | None = None
) -> tuple[list[SuggestionView], str]:
    """Return the suggestions of a firm (or of one of its opportunities) and, when there are none, an
    honest explanation of why."""
    rows, version = engine_adapter.suggestions_for(
        viewer_firm_id=viewer_firm.pk,
        viewer_opportunity_id=viewer_opportunity.pk if viewer_opportunity is not None else None,
    )
    views = suggestion_views(user=user, viewer_firm=viewer_firm, rows=rows)
    if views:
        return views, ""
    return [], empty_reason(viewer_firm=viewer_firm, viewer_opportunity=viewer_opportunity, version=version)


def empty_reason(*, viewer_firm: Firm, viewer_opportunity: Opportunity | None, version: str) -> str:
    """Return why there is nothing to suggest, in the viewer's words."""
    others = Opportunity.objects.filter(status=Status.PUBLISHED, deadline__gte=timezone.localdate()).exclude(
        firm=viewer_firm
    )
    if not others.exists() and not Firm.objects.exclude(pk=viewer_firm.pk).exists():
        return _("No suggestions yet, because no other firm has published an offer or a request.")
    if not version:
        return _(
            "No suggestions yet, because the matching index has not been built (manage.py matching_rebuild)."
        )
    if viewer_opportunity is None and not viewer_firm.sectors.exists():
        return _("No suggestions yet, because your profile names no sector: add your sectors to be matched.")
    if (
        viewer_opportunity is not None
        and viewer_opportunity.status != Status.PUBLISHED
        and not others.exists()
    ):
        return _("No suggestions yet, because no other firm has a published opportunity.")
    if Feedback.objects.filter(viewer_firm=viewer_firm, kind=FeedbackKind.DISMISSED).exists():
        return _(
            "No suggestions for now: every open candidate is your own, closed, or one you dismissed. "
            "New ones come as firms publish."
        )
    return _(
        "No suggestions for now: no open opportunity or firm complements this one yet. New ones come as firms publish."
    )


def dismiss_reasons() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in DismissReason.choices]


def portfolio_suggestions(
    *, user: Any, intermediary: Intermediary | None, firms: list[Firm], per_firm: int = 3
) -> list[tuple[Firm, list[SuggestionView], str]]:
    """Return the few best suggestions of each firm in a portfolio, with the empty reason of those that
    have none."""
    del intermediary
    found = []
    for firm in firms:
        views, reason = suggestions_for_viewer(user=user, viewer_firm=firm)
        found.append((firm, views[:per_firm], reason))
    return found
