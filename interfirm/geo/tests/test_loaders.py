"""The reference loaders are idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps

from interfirm.geo.models import Country, CountryGroup, CountryGroupMembership
from interfirm.reference import load_all_reference

pytestmark = pytest.mark.django_db
REFERENCE_APPS = ("geo", "sectors", "intermediaries")


def row_counts() -> dict[str, int]:
    counts = {}
    for label in REFERENCE_APPS:
        for model in apps.get_app_config(label).get_models():
            counts[model._meta.label] = model._default_manager.count()
            for field in model._meta.many_to_many:
                through = getattr(model, field.name).through
                counts[through._meta.label] = through._default_manager.count()
    return counts


def test_loading_the_reference_data_again_leaves_the_same_rows() -> None:
    before = row_counts()
    load_all_reference()
    load_all_reference()
    assert row_counts() == before


def test_a_second_run_reports_nothing_created_or_updated() -> None:
    load_all_reference()
    reports = load_all_reference()
    assert {label: (r.created, r.updated) for label, r in reports.items()} == {
        label: (0, 0) for label in reports
    }


def test_it_loads_every_country_of_the_file() -> None:
    assert Country.objects.count() == 250


def test_kosovo_is_a_country_outside_the_m49_list() -> None:
    kosovo = Country.objects.get(iso3="XKX")
    assert (kosovo.iso2, kosovo.m49, kosovo.in_official_m49) == ("XK", "", False)
    assert (kosovo.economy_group, kosovo.subregion) == ("transition", "Southern Europe")


def test_a_graduated_country_keeps_its_ldc_membership_closed_at_graduation() -> None:
    membership = CountryGroupMembership.objects.get(country_id="STP", group=CountryGroup.LDC)
    assert (membership.since, membership.until) == (None, datetime.date(2024, 12, 13))


def test_a_country_changed_by_hand_is_put_back_by_the_loader() -> None:
    Country.objects.filter(iso3="KEN").update(name="Kenia")
    report = load_all_reference()["countries, groups, languages"]
    assert (Country.objects.get(iso3="KEN").name, report.updated) == ("Kenya", 1)
