"""Writes to firm profiles: each does the whole change and records an audit entry."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from interfirm.accounts.models import Membership
from interfirm.audit.models import AuditEntry
from interfirm.firms import services
from interfirm.firms.models import ContactPerson, Firm, Representation
from interfirm.firms.tests.conftest import represent
from interfirm.testing import Personas, make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db


def _entries(obj: object, action: str) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_id=str(obj.pk), action=action).order_by("id")  # type: ignore[attr-defined]
    )


# firm_update ------------------------------------------------------------------------------------


def test_update_derives_the_size_class_again(personas: Personas) -> None:
    firm = services.firm_update(
        actor=personas.amani_manager,
        acting_for=personas.kenyan_sme.organisation,
        firm=personas.kenyan_sme,
        data={"employees": 300},
    )
    firm.refresh_from_db()
    assert firm.size_class == "large"


def test_update_derives_the_duplicate_key_and_renames_the_organisation(personas: Personas) -> None:
    firm = personas.kenyan_sme
    services.firm_update(
        actor=personas.amani_manager,
        acting_for=firm.organisation,
        firm=firm,
        data={"legal_name": "Amani Foods Ltd."},
    )
    firm.refresh_from_db()
    firm.organisation.refresh_from_db()
    assert (firm.name_key, firm.organisation.name) == ("amani foods", "Amani Foods Ltd.")


def test_update_audit_entry_holds_only_the_changes(personas: Personas) -> None:
    firm = personas.kenyan_sme
    services.firm_update(
        actor=personas.amani_manager, acting_for=firm.organisation, firm=firm, data={"employees": 300}
    )
    [entry] = _entries(firm, "firm.update")
    assert (entry.actor, entry.acting_for, entry.changes) == (
        personas.amani_manager,
        firm.organisation,
        {"employees": [32, 300], "size_class": ["small", "large"]},
    )


def test_update_replaces_many_to_many_fields(personas: Personas) -> None:
    firm = personas.kenyan_sme
    services.firm_update(
        actor=personas.amani_manager,
        acting_for=firm.organisation,
        firm=firm,
        data={"sectors": ["1030", "1080"], "markets": ["UGA", "TZA"], "languages": ["en", "sw"]},
    )
    assert (
        sorted(firm.sectors.values_list("code", flat=True)),
        sorted(firm.markets.values_list("iso3", flat=True)),
        sorted(firm.languages.values_list("code", flat=True)),
    ) == (["1030", "1080"], ["TZA", "UGA"], ["en", "sw"])


def test_update_refuses_a_field_outside_the_profile(personas: Personas) -> None:
    with pytest.raises(ValueError, match="merged_into"):
        services.firm_update(
            actor=None, acting_for=None, firm=personas.kenyan_sme, data={"merged_into": None}
        )


# Contact persons --------------------------------------------------------------------------------


def test_the_first_contact_person_becomes_primary(personas: Personas) -> None:
    contact = services.contact_person_add(
        actor=personas.amani_manager, acting_for=None, firm=personas.kenyan_sme, name="Wanjiru Kamau"
    )
    assert contact.is_primary is True


def test_marking_a_contact_primary_unmarks_the_previous_one(personas: Personas) -> None:
    firm = personas.kenyan_sme
    first = services.contact_person_add(actor=None, acting_for=None, firm=firm, name="First")
    services.contact_person_add(actor=None, acting_for=None, firm=firm, name="Second", is_primary=True)
    first.refresh_from_db()
    assert first.is_primary is False


def test_updating_a_contact_records_the_difference(personas: Personas) -> None:
    contact = services.contact_person_add(actor=None, acting_for=None, firm=personas.kenyan_sme, name="Grace")
    services.contact_person_update(
        actor=personas.amani_manager, acting_for=None, contact=contact, data={"position": "Owner"}
    )
    assert _entries(contact, "firm.contact_update")[0].changes == {"position": ["", "Owner"]}


def test_removing_the_primary_contact_promotes_the_next(personas: Personas) -> None:
    firm = personas.kenyan_sme
    first = services.contact_person_add(actor=None, acting_for=None, firm=firm, name="Anna")
    second = services.contact_person_add(actor=None, acting_for=None, firm=firm, name="Bea")
    services.contact_person_remove(actor=None, acting_for=None, contact=first)
    second.refresh_from_db()
    assert (ContactPerson.objects.filter(firm=firm).count(), second.is_primary) == (1, True)


# Representation and registration by an intermediary ---------------------------------------------


def _register(personas: Personas, **extra: Any) -> Firm:
    return services.firm_register_by_intermediary(
        actor=personas.chamber_staff,
        intermediary=personas.chamber,
        legal_name="Kibera Crafts Cooperative",
        country_id="KEN",
        consent_method="signed_form",
        consent_given_on=datetime.date(2025, 2, 3),
        consent_given_by="Mary Wambui, chair",
        sectors=["1392"],
        employees=12,
        **extra,
    )


def test_registering_a_firm_records_the_consent(personas: Personas) -> None:
    firm = _register(personas)
    representation = Representation.objects.get(firm=firm)
    assert (
        representation.intermediary,
        representation.consent_method,
        representation.consent_given_on,
        representation.consent_given_by,
        representation.recorded_by,
        representation.is_contact_channel,
    ) == (
        personas.chamber,
        "signed_form",
        datetime.date(2025, 2, 3),
        "Mary Wambui, chair",
        personas.chamber_staff,
        True,
    )


def test_a_registered_firm_has_no_users(personas: Personas) -> None:
    firm = _register(personas)
    assert Membership.objects.filter(organisation=firm.organisation).count() == 0


def test_registering_a_firm_derives_size_and_sets_sectors(personas: Personas) -> None:
    firm = _register(personas)
    assert (firm.size_class, list(firm.sectors.values_list("code", flat=True))) == ("small", ["1392"])


def test_registering_a_firm_leaves_audit_entries_for_the_intermediary(personas: Personas) -> None:
    firm = _register(personas)
    actions = sorted(
        AuditEntry.objects.filter(acting_for=personas.chamber.organisation).values_list("action", flat=True)
    )
    assert (actions, _entries(firm, "firm.register_by_intermediary")[0].actor) == (
        ["firm.create", "firm.register_by_intermediary", "firm.representation_create"],
        personas.chamber_staff,
    )


def test_ending_a_representation_dates_it(personas: Personas) -> None:
    representation = represent(personas.chamber, personas.kenyan_sme)
    services.representation_end(
        actor=personas.chamber_staff, acting_for=personas.chamber.organisation, representation=representation
    )
    representation.refresh_from_db()
    assert (
        representation.ended_at is not None,
        len(_entries(representation, "firm.representation_end")),
    ) == (
        True,
        1,
    )


# Merging ----------------------------------------------------------------------------------------


def _duplicate(personas: Personas) -> Firm:
    """Return a second record of Amani Fresh Foods, with its own user, contact and intermediary."""
    user = make_user("second@amanifresh.example")
    duplicate = make_firm("AMANI FRESH FOODS", country="KEN", sectors=("1079",), manager=user, needs="Dryers")
    ContactPerson.objects.create(firm=duplicate, name="Peter Mwangi", is_primary=True)
    represent(make_intermediary("Export Promotion Council"), duplicate)
    return duplicate


def _merge(personas: Personas, source: Firm) -> Firm:
    return services.firm_merge(
        actor=personas.operator_user, acting_for=None, source=source, target=personas.kenyan_sme
    )


def test_merge_marks_the_source_merged_into_the_target(personas: Personas) -> None:
    source = _duplicate(personas)
    _merge(personas, source)
    source.refresh_from_db()
    assert source.merged_into == personas.kenyan_sme


def test_merge_moves_contacts_memberships_and_representations(personas: Personas) -> None:
    source = _duplicate(personas)
    target = _merge(personas, source)
    assert (
        list(target.contacts.values_list("name", flat=True)),
        sorted(
            Membership.objects.filter(organisation=target.organisation).values_list("user__email", flat=True)
        ),
        list(target.representations.values_list("intermediary__name", flat=True)),
    ) == (
        ["Peter Mwangi"],
        ["second@amanifresh.example", "wanjiru@amanifresh.example"],
        ["Export Promotion Council"],
    )


def test_merge_adds_sectors_and_fills_empty_fields(personas: Personas) -> None:
    target = _merge(personas, _duplicate(personas))
    assert (sorted(target.sectors.values_list("code", flat=True)), target.needs) == (
        ["1030", "1079"],
        "Dryers",
    )


def test_merge_ends_the_duplicate_representation_of_an_intermediary_acting_for_both(
    personas: Personas,
) -> None:
    source = _duplicate(personas)
    represent(personas.chamber, personas.kenyan_sme)
    duplicate_rep = represent(personas.chamber, source)
    target = _merge(personas, source)
    duplicate_rep.refresh_from_db()
    assert (
        duplicate_rep.firm_id,
        duplicate_rep.ended_at is not None,
        target.representations.filter(intermediary=personas.chamber, ended_at__isnull=True).count(),
    ) == (source.pk, True, 1)


def test_merge_records_an_audit_entry_on_both_firms(personas: Personas) -> None:
    source = _duplicate(personas)
    _merge(personas, source)
    [into] = _entries(source, "firm.merge_into")
    [from_] = _entries(personas.kenyan_sme, "firm.merge_from")
    assert (into.changes["merged_into"], from_.changes["merged_from"]) == (personas.kenyan_sme.pk, source.pk)


def test_a_firm_cannot_be_merged_into_itself(personas: Personas) -> None:
    with pytest.raises(ValueError):
        services.firm_merge(
            actor=None, acting_for=None, source=personas.kenyan_sme, target=personas.kenyan_sme
        )
