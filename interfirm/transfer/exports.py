"""Exports: a firm's own data as JSON (data portability) and an intermediary's opportunities as CSV.

``firm_export`` gives a firm everything the platform holds about it — the whole profile, contact
persons, members, the intermediaries acting for it with the consent on record, its opportunities
with their reviews, its expressions of interest sent and received with their messages. A
counterpart of an expression appears only as its anonymous profile until the expression was
accepted; then with its identity, as the firm sees it on the pages.

``opportunities_csv_rows`` writes the columns of the opportunities import, so that an export, edited
in a spreadsheet, imports back: ``reference`` names each opportunity, ``source_ref`` is the reference
it was imported with (else the platform's), ``firm_source_ref`` likewise for the firm.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.utils import timezone

from interfirm.accounts.models import Membership, Organisation
from interfirm.firms.models import Firm
from interfirm.opportunities.models import Opportunity
from interfirm.transfer.columns import LIST_SEPARATOR, OPPORTUNITY_COLUMNS
from interfirm.transfer.models import ImportedRecord, ImportKind
from interfirm.transfer.parsers import FORMULA_STARTS

EXPORT_FORMAT = "interfirm.firm-export"
EXPORT_VERSION = 1


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _profile(firm: Firm) -> dict[str, Any]:
    return {
        "reference": firm.reference,
        "uid": str(firm.uid),
        "legal_name": firm.legal_name,
        "trade_name": firm.trade_name,
        "city": firm.city,
        "address": firm.address,
        "website": firm.website,
        "email": firm.email,
        "phone": firm.phone,
        "country": {"iso3": firm.country_id, "name": firm.country.name},
        "year_founded": firm.year_founded,
        "employees": firm.employees,
        "turnover_band": firm.turnover_band,
        "size_class": firm.size_class,
        "ownership": firm.ownership,
        "sectors": [{"code": s.code, "title": s.title} for s in firm.sectors.order_by("code")],
        "description": firm.description,
        "technologies": firm.technologies,
        "processes": firm.processes,
        "equipment_capacity": firm.equipment_capacity,
        "certifications": [{"code": c.code, "name": c.name} for c in firm.certifications.order_by("code")],
        "declares_no_certifications": firm.declares_no_certifications,
        "markets": [{"iso3": c.iso3, "name": c.name} for c in firm.markets.order_by("iso3")],
        "languages": [{"code": lang.code, "name": lang.name} for lang in firm.languages.order_by("code")],
        "needs": firm.needs,
        "created_at": _iso(firm.created_at),
        "updated_at": _iso(firm.updated_at),
    }


def _opportunity(opportunity: Opportunity) -> dict[str, Any]:
    return {
        "reference": opportunity.reference,
        "uid": str(opportunity.uid),
        "installation": opportunity.installation,
        "status": opportunity.status,
        "kind": opportunity.kind,
        "domains": list(opportunity.domains or []),
        "title": opportunity.title,
        "summary": opportunity.summary,
        "description": opportunity.description,
        "advantages": opportunity.advantages,
        "stage": opportunity.stage,
        "ip_status": opportunity.ip_status,
        "arrangement_types": list(opportunity.arrangement_types or []),
        "partner_role": opportunity.partner_role,
        "partner_sizes": list(opportunity.partner_sizes or []),
        "partner_types": list(opportunity.partner_types or []),
        "partner_countries": sorted(c.iso3 for c in opportunity.partner_countries.all()),
        "partner_regions": list(opportunity.partner_regions or []),
        "partner_economy_groups": list(opportunity.partner_economy_groups or []),
        "partner_corridors": list(opportunity.partner_corridors or []),
        "required_certifications": sorted(c.code for c in opportunity.required_certifications.all()),
        "required_capacity": opportunity.required_capacity,
        "required_languages": sorted(lang.code for lang in opportunity.required_languages.all()),
        "sectors": sorted(s.code for s in opportunity.sectors.all()),
        "keywords": opportunity.keywords,
        "deadline": _iso(opportunity.deadline),
        "identity_flags": list(opportunity.identity_flags or []),
        "created_at": _iso(opportunity.created_at),
        "submitted_at": _iso(opportunity.submitted_at),
        "published_at": _iso(opportunity.published_at),
        "closed_at": _iso(opportunity.closed_at),
        "reviews": [
            {
                "reviewed_by": review.reviewer_organisation.name if review.reviewer_organisation else "",
                "clarity": review.clarity,
                "innovation": review.innovation,
                "cooperation": review.cooperation,
                "language": review.language,
                "decision": review.decision,
                "comments": review.comments,
                "created_at": _iso(review.created_at),
            }
            for review in opportunity.reviews.select_related("reviewer_organisation").order_by(
                "created_at", "pk"
            )
        ],
    }


def _counterpart(eoi: Any, viewer_side: str) -> dict[str, Any]:
    """Return the other side of an expression as the firm may see it: anonymous until accepted."""
    from interfirm.introductions.selectors import eoi_counterpart_view

    view = eoi_counterpart_view(eoi, viewer_side)
    profile = view.profile
    out: dict[str, Any] = {
        "revealed": view.revealed,
        "description": view.description,
        "reference": profile.reference if view.revealed else None,
        "country": profile.country_iso3,
        "size_class": profile.size_class,
        "sectors": [sector.code for sector in profile.sectors],
        "identity": None,
    }
    if view.identity is not None:
        identity = view.identity
        out["identity"] = {
            "legal_name": identity.legal_name,
            "trade_name": identity.trade_name,
            "city": identity.city,
            "address": identity.address,
            "website": identity.website,
            "email": identity.email,
            "phone": identity.phone,
            "contacts": [
                {"name": c.name, "position": c.position, "email": c.email, "phone": c.phone}
                for c in identity.contacts
            ],
        }
    return out


def _expressions(expressions: Iterable[Any], viewer_side: str) -> list[dict[str, Any]]:
    out = []
    for eoi in expressions:
        opportunity = eoi.opportunity
        out.append(
            {
                "uid": str(eoi.uid),
                "opportunity": {
                    "reference": opportunity.reference,
                    "title": opportunity.title,
                },
                "status": eoi.status,
                "message": eoi.message,
                "created_at": _iso(eoi.created_at),
                "expires_at": _iso(eoi.expires_at),
                "decided_at": _iso(eoi.decided_at),
                "decline_reason": eoi.decline_reason,
                "decline_note": eoi.decline_note,
                "counterpart": _counterpart(eoi, viewer_side),
                "messages": [
                    {"from": message.side, "body": message.body, "sent_at": _iso(message.created_at)}
                    for message in eoi.messages.order_by("created_at", "pk")
                ],
            }
        )
    return out


def firm_export(*, firm: Firm) -> dict[str, Any]:
    """Return everything the platform holds about ``firm``, for the firm's own members."""
    from interfirm.introductions.models import ExpressionOfInterest, Side

    expressions = ExpressionOfInterest.objects.select_related(
        "firm", "firm__country", "opportunity", "opportunity__firm", "opportunity__firm__country"
    ).order_by("created_at", "pk")
    members = Membership.objects.filter(organisation_id=firm.organisation_id).select_related("user")
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "installation": settings.INSTALLATION_ID,
        "firm": _profile(firm),
        "contacts": [
            {
                "name": c.name,
                "position": c.position,
                "email": c.email,
                "phone": c.phone,
                "is_primary": c.is_primary,
            }
            for c in firm.contacts.order_by("-is_primary", "name", "pk")
        ],
        "members": [
            {"name": m.user.full_name, "email": m.user.email, "role": m.role, "since": _iso(m.created_at)}
            for m in members.order_by("created_at", "pk")
        ],
        "representations": [
            {
                "intermediary": rep.intermediary.name,
                "is_contact_channel": rep.is_contact_channel,
                "consent_method": rep.consent_method,
                "consent_given_on": _iso(rep.consent_given_on),
                "consent_given_by": rep.consent_given_by,
                "consent_note": rep.consent_note,
                "since": _iso(rep.created_at),
                "ended_at": _iso(rep.ended_at),
            }
            for rep in firm.representations.select_related("intermediary").order_by("created_at", "pk")
        ],
        "opportunities": [
            _opportunity(opportunity)
            for opportunity in firm.opportunities.prefetch_related(
                "partner_countries", "required_certifications", "required_languages", "sectors"
            ).order_by("created_at", "pk")
        ],
        "expressions_of_interest": {
            "sent": _expressions(expressions.filter(firm=firm), Side.INTERESTED),
            "received": _expressions(expressions.filter(opportunity__firm=firm), Side.OWNER),
        },
    }


# The opportunities CSV --------------------------------------------------------------------------


def _safe(value: str) -> str:
    """Return a cell a spreadsheet will not run as a formula (the import takes the apostrophe off)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _joined(values: Iterable[str]) -> str:
    return f"{LIST_SEPARATOR} ".join(values)


def _source_refs(organisation: Organisation, kind: str, model: type[Any], ids: list[int]) -> dict[int, str]:
    records = ImportedRecord.objects.filter(
        kind=kind,
        source=organisation,
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=ids,
    ).order_by("updated_at")
    return {record.object_id: record.source_ref for record in records}


def opportunities_csv_header() -> list[str]:
    return [column.title for column in OPPORTUNITY_COLUMNS]


def opportunities_csv_rows(
    *, organisation: Organisation, opportunities: QuerySet[Opportunity]
) -> list[list[str]]:
    """Return the CSV rows (without the header) of ``opportunities``, as managed by ``organisation``."""
    rows = list(opportunities.order_by("created_at", "pk"))
    opportunity_refs = _source_refs(organisation, ImportKind.OPPORTUNITIES, Opportunity, [o.pk for o in rows])
    een_refs = _source_refs(organisation, ImportKind.EEN, Opportunity, [o.pk for o in rows])
    firm_refs = _source_refs(organisation, ImportKind.FIRMS, Firm, sorted({o.firm_id for o in rows}))
    out: list[list[str]] = []
    for opportunity in rows:
        values = {
            "source_ref": opportunity_refs.get(opportunity.pk)
            or een_refs.get(opportunity.pk)
            or opportunity.reference,
            "reference": opportunity.reference,
            "firm_source_ref": firm_refs.get(opportunity.firm_id, ""),
            "firm_reference": opportunity.firm.reference,
            "kind": opportunity.kind,
            "domains": _joined(opportunity.domains or []),
            "title": opportunity.title,
            "summary": opportunity.summary,
            "description": opportunity.description,
            "advantages": opportunity.advantages,
            "stage": opportunity.stage,
            "ip_status": opportunity.ip_status,
            "arrangement_types": _joined(opportunity.arrangement_types or []),
            "partner_role": opportunity.partner_role,
            "partner_countries": _joined(sorted(c.iso3 for c in opportunity.partner_countries.all())),
            "sectors": _joined(sorted(s.code for s in opportunity.sectors.all())),
            "keywords": opportunity.keywords,
            "deadline": opportunity.deadline.isoformat(),
            "status": opportunity.status,
        }
        out.append([_safe(str(values[column.name])) for column in OPPORTUNITY_COLUMNS])
    return out
