"""Writes of best-practice cases: consent of a partnership's parties, a case drafted from the
partnership, a case recorded by an operator, edits of the draft, publication.

A completed partnership becomes a case only when every party has consented (``case_consent_give``).
The case is anonymised unless every party agreed to be named; an anonymised case stores no party
name, and publication is refused while any text of the case carries a party's identity (the same
detection as for opportunities, ``opportunities.identity``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from interfirm.accounts.models import Organisation, User
from interfirm.accounts.selectors import is_operator
from interfirm.audit.services import audit_record
from interfirm.cases.facets import case_refresh_facets
from interfirm.cases.models import Case, CaseConsent, CaseOrigin, CaseParty, CaseStatus, OrganisationType
from interfirm.geo.models import Country, label_sort_key
from interfirm.sectors.models import IsicCode

EDITABLE_FIELDS = ("title", "summary", "unfolded", "outcomes", "success_factors", "lessons")
# Also editable in a case an operator recorded (the others take them from their partnership or report).
RECORDED_FIELDS = ("arrangement_types", "period_start", "period_end", "source_citation")


class CaseError(Exception):
    """A change the rules refuse, with the message to show and the HTTP status to answer."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _completed(partnership: Any) -> bool:
    from interfirm.partnerships.models import PartnershipStage

    return bool(partnership.stage == PartnershipStage.COMPLETED)


def _missing_consents(partnership: Any) -> int:
    parties = set(partnership.parties.values_list("pk", flat=True))
    consented = set(CaseConsent.objects.filter(partnership=partnership).values_list("party_id", flat=True))
    return len(parties - consented)


def _refuse_without_consent(partnership: Any) -> None:
    missing = _missing_consents(partnership)
    if missing:
        raise CaseError(
            _(
                "A partnership becomes a case only when every party consents: %(missing)d of "
                "%(total)d parties have not consented yet."
            )
            % {"missing": missing, "total": partnership.parties.count()}
        )


@transaction.atomic
def case_consent_give(
    *, actor: User, acting_for: Organisation | None, partnership: Any, party: Any, named: bool
) -> CaseConsent:
    """Record ``party``'s consent that the completed ``partnership`` becomes a case (named or not).

    Giving it again updates the choice to be named; refused once the case is published or while the
    partnership is not completed.
    """
    if not _completed(partnership):
        raise CaseError(_("Only a completed partnership can become a best-practice case."))
    if Case.objects.filter(partnership=partnership, status=CaseStatus.PUBLISHED).exists():
        raise CaseError(_("The case is already published; its consents can no longer change."))
    consent, created = CaseConsent.objects.update_or_create(
        party=party,
        defaults={"partnership": partnership, "named": named, "given_by": actor, "given_for": acting_for},
    )
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="case.consent_give",
        obj=consent,
        changes={"partnership": partnership.reference, "party": party.pk, "named": named, "new": created},
    )
    return consent


def _draft_title(parties: list[Any], arrangement: str) -> str:
    places = sorted({p.firm.country.label for p in parties}, key=label_sort_key)
    return _("%(arrangement)s between firms in %(places)s") % {
        "arrangement": arrangement,
        "places": " – ".join(places),
    }


def _outcome_text(partnership: Any) -> str:
    totals = partnership.outcomes.aggregate(
        jobs=Sum("jobs_created"),
        exports=Sum("export_sales"),
        products=Sum("new_products"),
        processes=Sum("new_processes"),
        suppliers=Sum("local_suppliers"),
        certifications=Sum("certifications_obtained"),
    )
    lines = []
    labels = (
        ("jobs", _("Jobs created: %(n)s")),
        ("products", _("New products: %(n)s")),
        ("processes", _("New processes: %(n)s")),
        ("suppliers", _("Local suppliers engaged: %(n)s")),
        ("certifications", _("Certifications obtained: %(n)s")),
    )
    for key, label in labels:
        if totals[key]:
            lines.append(label % {"n": totals[key]})
    exports = totals["exports"] or Decimal(0)
    if exports:
        currency = partnership.outcomes.values_list("currency", flat=True).first() or "USD"
        lines.append(
            _("Export sales: %(amount)s %(currency)s") % {"amount": f"{exports:,.0f}", "currency": currency}
        )
    return "\n".join(lines)


@transaction.atomic
def case_draft_from_partnership(*, actor: User, acting_for: Organisation | None, partnership: Any) -> Case:
    """Draft a case from the completed ``partnership`` once every party consented; return it.

    The draft takes the parties' countries, size classes and sectors, the arrangement, the dates and
    the outcome totals; names only when every party agreed to be named. Its texts are written for the
    intermediary or operator to complete before publishing.
    """
    from interfirm.opportunities.models import ArrangementType

    if not _completed(partnership):
        raise CaseError(_("Only a completed partnership can become a best-practice case."))
    _refuse_without_consent(partnership)
    if Case.objects.filter(partnership=partnership).exists():
        raise CaseError(_("A case has already been drafted from this partnership."))
    consents = list(CaseConsent.objects.filter(partnership=partnership))
    named = all(c.named for c in consents)
    parties = list(
        partnership.parties.select_related("firm", "firm__country").prefetch_related("firm__sectors")
    )
    types = list(partnership.agreement_types or partnership.arrangement_types)
    labels = dict(ArrangementType.choices)
    arrangement = str(labels.get(types[0], types[0])) if types else _("Partnership")
    start = partnership.started_on
    end = partnership.ended_on
    case = Case.objects.create(
        origin=CaseOrigin.PARTNERSHIP,
        status=CaseStatus.DRAFT,
        anonymised=not named,
        partnership=partnership,
        title=_draft_title(parties, arrangement),
        summary=_("A partnership of %(n)d firms, from first contact in %(start)s to completion in %(end)s.")
        % {"n": len(parties), "start": start.year, "end": end.year if end else start.year},
        arrangement_types=types,
        outcomes=_outcome_text(partnership),
        source_citation=_("Recorded on this exchange, with the consent of every party"),
        period_start=start.year,
        period_end=end.year if end else None,
        created_by=actor,
    )
    for position, party in enumerate(parties):
        firm = party.firm
        case_party = CaseParty.objects.create(
            case=case,
            position=position,
            name=(firm.trade_name or firm.legal_name) if named else "",
            country=firm.country,
            size_class=firm.size_class,
            organisation_type=OrganisationType.FIRM,
            brought=party.brings if named else "",
            firm=firm,
        )
        case_party.sectors.set(firm.sectors.all())
    case_refresh_facets(case)
    case.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="case.draft",
        obj=case,
        changes={"partnership": partnership.reference, "anonymised": case.anonymised},
    )
    return case


@dataclass(frozen=True)
class PartyRecord:
    """A party of a case recorded by an operator: where it is, what it is, and what it brought."""

    organisation_type: str
    country: Country | None = None
    economy_group: str = ""
    name: str = ""
    description: str = ""
    size_class: str = ""
    sectors: Sequence[IsicCode] = ()
    brought: str = ""
    # In an anonymised case: names the texts must not contain; only their fingerprints are kept (in a
    # correction, none given keeps those the party has).
    screen_names: Sequence[str] = ()


# How many parties a case an operator records has: two at least, as many as the record page has blocks.
MIN_PARTIES = 2
MAX_PARTIES = 6


def party_count_message() -> str:
    """Return the refusal of a case with too few or too many parties (the form and the API say it too)."""
    return _("A case has %(min)d to %(max)d parties.") % {"min": MIN_PARTIES, "max": MAX_PARTIES}


def _check_party_count(count: int) -> None:
    if not MIN_PARTIES <= count <= MAX_PARTIES:
        raise CaseError(party_count_message(), status=422)


def _party_create(case: Case, position: int, party: PartyRecord) -> CaseParty:
    """Create ``party`` of a recorded ``case`` at ``position`` (no name when the case is anonymised:
    the fingerprints of its names to check for instead)."""
    case_party = CaseParty.objects.create(
        case=case,
        position=position,
        name="" if case.anonymised else party.name,
        description=party.description,
        country=party.country,
        economy_group=party.economy_group,
        size_class=party.size_class,
        organisation_type=party.organisation_type,
        brought=party.brought,
        name_prints=_prints_of(party.screen_names) if case.anonymised else [],
    )
    case_party.sectors.set(party.sectors)
    return case_party


def _prints_of(names: Sequence[str]) -> list[list[str]]:
    """Return, per name given (blank ones skipped), its fingerprints."""
    from interfirm.opportunities.identity import name_fingerprints

    return [name_fingerprints([name]) for name in dict.fromkeys(n.strip() for n in names) if name]


@transaction.atomic
def case_record(
    *,
    actor: User,
    acting_for: Organisation | None,
    title: str,
    summary: str,
    arrangement_types: Sequence[str],
    period_start: int | None,
    period_end: int | None,
    source_citation: str,
    anonymised: bool,
    parties: Sequence[PartyRecord],
) -> Case:
    """Record by hand a case the programme knows from its files or from a report; return the draft.

    Only operators record cases. The parties keep their order; an anonymised case stores no party
    name, only the fingerprints of the ``screen_names`` of each party, against which its texts are
    checked before publication. The corridor and the other facets are computed from the parties, as
    for a drafted case.
    """
    if not is_operator(actor):
        raise CaseError(_("Only an operator of the exchange can record a case."))
    _check_party_count(len(parties))
    case = Case.objects.create(
        origin=CaseOrigin.OPERATOR,
        status=CaseStatus.DRAFT,
        anonymised=anonymised,
        title=title,
        summary=summary,
        arrangement_types=list(arrangement_types),
        source_citation=source_citation,
        period_start=period_start,
        period_end=period_end,
        created_by=actor,
    )
    for position, party in enumerate(parties):
        _party_create(case, position, party)
    case_refresh_facets(case)
    case.save()
    audit_record(
        actor=actor,
        acting_for=acting_for,
        action="case.record",
        obj=case,
        changes={
            "anonymised": anonymised,
            "parties": len(parties),
            # How many names are checked for, never the names.
            "names checked": sum(len(p.screen_names) for p in parties) if anonymised else 0,
        },
    )
    return case


@transaction.atomic
def case_update(*, actor: User, acting_for: Organisation | None, case: Case, **fields: Any) -> Case:
    """Change the texts of a draft case (``EDITABLE_FIELDS``; ``RECORDED_FIELDS`` too in a case an
    operator recorded) and, per party, what it brought; in a case an operator recorded, ``parties``
    ({party id: PartyRecord}) corrects the parties themselves (an anonymised case keeps no name),
    ``remove_parties`` (party ids) removes some and ``add_parties`` (PartyRecords) adds others after
    the rest, the case keeping ``MIN_PARTIES`` to ``MAX_PARTIES``."""
    if case.status != CaseStatus.DRAFT:
        raise CaseError(_("A published case cannot be edited here."))
    recorded = case.origin == CaseOrigin.OPERATOR
    if not recorded and any(name in fields for name in RECORDED_FIELDS):
        raise CaseError(
            _("The period, arrangement and source of this case come from its partnership or report.")
        )
    corrected: dict[int, PartyRecord] = fields.pop("parties", {}) or {}
    if corrected and not recorded:
        raise CaseError(_("The parties of this case come from its partnership or report."))
    removed: set[int] = set(fields.pop("remove_parties", ()) or ())
    added: list[PartyRecord] = list(fields.pop("add_parties", ()) or ())
    if (removed or added) and not recorded:
        raise CaseError(_("The parties of this case come from its partnership or report."))
    brought: dict[int, str] = fields.pop("brought", {}) or {}
    changes: dict[str, Any] = {}
    parties = list(case.parties.all())
    if removed - {party.pk for party in parties}:
        raise CaseError(_("Not a party of this case."), status=422)
    if removed or added:
        _check_party_count(len(parties) - len(removed) + len(added))
    for name in (*EDITABLE_FIELDS, *(RECORDED_FIELDS if recorded else ())):
        if name in fields and getattr(case, name) != fields[name]:
            changes[name] = [getattr(case, name), fields[name]]
            setattr(case, name, fields[name])
    kept: list[CaseParty] = []
    for party in parties:
        if party.pk in removed:
            changes[f"party {party.position} removed"] = True
            party.delete()
            continue
        kept.append(party)
        if party.pk in corrected:
            if _party_correct(party, corrected[party.pk], anonymised=case.anonymised):
                changes[f"party {party.position}"] = True
        elif party.pk in brought and party.brought != brought[party.pk]:
            party.brought = brought[party.pk]
            party.save(update_fields=["brought"])
            changes[f"party {party.position} brought"] = True
    if removed or added:
        for position, party in enumerate(kept):  # the order kept, the added ones after
            if party.position != position:
                party.position = position
                party.save(update_fields=["position"])
        for position, record in enumerate(added, start=len(kept)):
            _party_create(case, position, record)
        if added:
            changes["parties added"] = len(added)
    if recorded:
        case_refresh_facets(case)
    case.save()
    audit_record(actor=actor, acting_for=acting_for, action="case.update", obj=case, changes=changes)
    return case


def _party_correct(party: CaseParty, record: PartyRecord, *, anonymised: bool) -> bool:
    """Write ``record`` over ``party``; return whether anything changed. In an anonymised case, names
    to check for replace the party's fingerprints when any are given."""
    values: dict[str, Any] = {
        "name": "" if anonymised else record.name,
        "description": record.description,
        "country": record.country,
        "economy_group": record.economy_group,
        "size_class": record.size_class,
        "organisation_type": record.organisation_type,
        "brought": record.brought,
    }
    prints = _prints_of(record.screen_names) if anonymised else []
    if prints:
        values["name_prints"] = prints
    changed = [name for name, value in values.items() if getattr(party, name) != value]
    for name in changed:
        setattr(party, name, values[name])
    if changed:
        party.save(update_fields=changed)
    sectors = {code.pk for code in record.sectors}
    if sectors != set(party.sectors.values_list("pk", flat=True)):
        party.sectors.set(record.sectors)
        changed.append("sectors")
    return bool(changed)


def identity_flags_of_case(case: Case) -> list[dict[str, str]]:
    """Return what identifies a party in the texts of an anonymised case (empty if named): its firm's
    names and contacts when it is a firm of the exchange, the names an operator gave to check for."""
    from interfirm.opportunities.identity import fingerprint_terms, identity_flags_in, identity_terms

    if not case.anonymised:
        return []
    texts = {
        "title": case.title,
        "summary": case.summary,
        "unfolded": case.unfolded,
        "outcomes": case.outcomes,
        "success_factors": "\n".join(case.success_factors),
        "lessons": "\n".join(case.lessons),
        "source_citation": case.source_citation,
    }
    parties = list(case.parties.select_related("firm").prefetch_related("firm__contacts"))
    for party in parties:
        texts[f"party {party.position + 1}"] = f"{party.name}\n{party.description}\n{party.brought}"
    flags: list[dict[str, str]] = []
    for party in parties:
        if party.firm is not None:
            flags += identity_flags_in(texts, identity_terms(party.firm))
        if party.name_prints:
            prints = [p for name in party.name_prints for p in (name if isinstance(name, list) else [])]
            flags += identity_flags_in(texts, fingerprint_terms(prints))
    return list({(f["field"], f["found"]): f for f in flags}.values())


def flag_field_label(field: str) -> str:
    """Return the words for the field of an identity flag ("summary", "party 2") in the user's language."""
    if field.startswith("party "):
        return _("party %(n)s") % {"n": field.removeprefix("party ")}
    try:
        return str(Case._meta.get_field(field).verbose_name)  # type: ignore[union-attr]
    except FieldDoesNotExist:
        return field


@transaction.atomic
def case_publish(*, actor: User, acting_for: Organisation | None, case: Case) -> Case:
    """Publish a draft case. Refused for a partnership's case without every party's consent, and for
    an anonymised case whose texts still identify a party."""
    if case.status == CaseStatus.PUBLISHED:
        raise CaseError(_("The case is already published."))
    if case.origin == CaseOrigin.PARTNERSHIP:
        if case.partnership is None:
            raise CaseError(_("The partnership of this case no longer exists."))
        _refuse_without_consent(case.partnership)
    flags = identity_flags_of_case(case)
    if flags:
        raise CaseError(
            _(
                "The case is anonymised but its text identifies a party (%(found)s in %(field)s); remove it first."
            )
            % {"found": flags[0]["found"], "field": flag_field_label(flags[0]["field"])}
        )
    case.status = CaseStatus.PUBLISHED
    case.published_at = timezone.now()
    case.published_by = actor
    case_refresh_facets(case)
    case.save()
    audit_record(actor=actor, acting_for=acting_for, action="case.publish", obj=case)
    return case
