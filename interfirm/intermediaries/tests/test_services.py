from __future__ import annotations

from typing import Any

import pytest

from interfirm.accounts.models import Membership, OrganisationKind, Role
from interfirm.audit.models import AuditEntry
from interfirm.intermediaries.models import Intermediary, IntermediaryType, Network
from interfirm.intermediaries.services import intermediary_create, intermediary_slug_for, intermediary_update
from interfirm.testing import Personas, make_intermediary, make_user

pytestmark = pytest.mark.django_db


def create(name: str = "Empretec Ghana Foundation", **kwargs: Any) -> Intermediary:
    kwargs.setdefault("type", IntermediaryType.EMPRETEC)
    kwargs.setdefault("country_id", "GHA")
    return intermediary_create(actor=None, acting_for=None, name=name, **kwargs)


def test_create_makes_an_intermediary_organisation() -> None:
    intermediary = create()
    assert (
        intermediary.organisation.kind,
        intermediary.organisation.name,
        intermediary.organisation.country_id,
    ) == (
        OrganisationKind.INTERMEDIARY,
        "Empretec Ghana Foundation",
        "GHA",
    )


def test_create_makes_the_slug_from_the_name() -> None:
    assert create().slug == "empretec-ghana-foundation"


def test_create_makes_a_second_slug_unique() -> None:
    create()
    assert create().slug == "empretec-ghana-foundation-2"


def test_a_slug_never_takes_a_reserved_path() -> None:
    assert intermediary_slug_for("Mine") == "mine-2"


def test_create_covers_the_home_country_by_default() -> None:
    assert list(create().countries_covered.values_list("iso3", flat=True)) == ["GHA"]


def test_create_sets_coverage_services_languages_and_networks() -> None:
    empretec = Network.objects.get(code="empretec")
    intermediary = create(
        countries_covered=["GHA", "TGO"],
        sectors_covered=["10", "C"],
        services=["diagnosis", "training"],
        languages=["en", "fr"],
        networks=[empretec.pk],
    )
    assert (
        sorted(intermediary.countries_covered.values_list("iso3", flat=True)),
        sorted(intermediary.sectors_covered.values_list("code", flat=True)),
        sorted(intermediary.services.values_list("code", flat=True)),
        sorted(intermediary.languages.values_list("code", flat=True)),
        list(intermediary.networks.values_list("code", flat=True)),
    ) == (["GHA", "TGO"], ["10", "C"], ["diagnosis", "training"], ["en", "fr"], ["empretec"])


def test_create_makes_the_manager_a_manager_of_the_organisation() -> None:
    manager = make_user()
    intermediary = create(manager=manager)
    assert Membership.objects.get(user=manager).organisation_id == intermediary.organisation_id
    assert Membership.objects.get(user=manager).role == Role.MANAGER


def test_create_records_an_audit_entry() -> None:
    operator = make_user()
    intermediary = intermediary_create(
        actor=operator,
        acting_for=None,
        name="CND Uruguay",
        type=IntermediaryType.GOVERNMENT,
        country_id="URY",
    )
    audit = AuditEntry.objects.get(action="intermediary.create")
    assert (audit.actor_id, audit.object_id, audit.changes["name"], audit.changes["countries_covered"]) == (
        operator.pk,
        str(intermediary.pk),
        "CND Uruguay",
        ["URY"],
    )


def test_update_changes_fields_and_relations(personas: Personas) -> None:
    updated = intermediary_update(
        actor=personas.chamber_staff,
        acting_for=personas.chamber.organisation,
        intermediary=personas.chamber,
        city="Mombasa",
        sectors_covered=["1030"],
        services=["training"],
    )
    assert (
        updated.city,
        list(updated.sectors_covered.values_list("code", flat=True)),
        list(updated.services.values_list("code", flat=True)),
    ) == (
        "Mombasa",
        ["1030"],
        ["training"],
    )


def test_update_records_only_what_changed(personas: Personas) -> None:
    intermediary_update(
        actor=personas.chamber_staff,
        acting_for=personas.chamber.organisation,
        intermediary=personas.chamber,
        city="Mombasa",
        name=personas.chamber.name,
        services=["diagnosis", "partner-search"],
    )
    audit = AuditEntry.objects.get(action="intermediary.update")
    assert (audit.actor_id, audit.acting_for_id, audit.changes) == (
        personas.chamber_staff.pk,
        personas.chamber.organisation_id,
        {"city": ["Nairobi", "Mombasa"]},
    )


def test_update_keeps_the_organisation_name_in_step(personas: Personas) -> None:
    intermediary_update(actor=None, acting_for=None, intermediary=personas.chamber, name="KNCCI Kenya")
    personas.chamber.organisation.refresh_from_db()
    assert personas.chamber.organisation.name == "KNCCI Kenya"


def test_update_leaves_other_intermediaries_alone(personas: Personas) -> None:
    other = make_intermediary("Uganda Chamber", country="UGA", city="Kampala")
    intermediary_update(actor=None, acting_for=None, intermediary=personas.chamber, city="Kisumu")
    other.refresh_from_db()
    assert other.city == "Kampala"
