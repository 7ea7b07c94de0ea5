"""Countries are named in the page's language (CLDR names loaded from data/geo/country_names.csv);
the API and the exports keep the English names."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from interfirm.geo.loaders import countries_load, data_dir
from interfirm.geo.models import Country, label_sort_key
from interfirm.insights.tests.fixtures import make_network
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db


def _client_in(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _options(html: str, select_name: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{select_name}".*?</select>', html, re.S)
    assert select is not None
    return re.findall(r'<option value="([A-Z]{3})"[^>]*>([^<]*)</option>', select.group(0))


def test_load_reference_fills_the_names_in_french_spanish_and_arabic() -> None:
    germany = Country.objects.get(iso3="DEU")
    assert (germany.name, germany.name_fr, germany.name_es, germany.name_ar) == (
        "Germany",
        "Allemagne",
        "Alemania",
        "ألمانيا",
    )


def test_load_reference_gives_an_existing_database_the_names_once() -> None:
    Country.objects.filter(iso3__in=["DEU", "KEN"]).update(name_fr="", name_es="", name_ar="")

    first = countries_load()
    second = countries_load()

    assert (first.updated, second.updated, Country.objects.get(iso3="KEN").name_es) == (2, 0, "Kenia")


def test_a_country_missing_from_the_names_file_keeps_its_english_name(tmp_path: Path) -> None:
    for name in ("countries.csv", "group_changes.csv", "languages.csv"):
        shutil.copy(data_dir() / name, tmp_path / name)
    (tmp_path / "geo").mkdir()
    (tmp_path / "geo" / "country_names.csv").write_text("iso3,iso2,name_en,name_fr,name_es,name_ar\n")

    countries_load(directory=tmp_path)

    germany = Country.objects.get(iso3="DEU")
    with translation.override("fr"):
        assert (germany.name_fr, germany.label) == ("", "Germany")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Allemagne"),
        ("fr-ca", "Allemagne"),
        ("es", "Alemania"),
        ("es-419", "Alemania"),
        ("ar", "ألمانيا"),
        ("en", "Germany"),
        ("de", "Germany"),
    ],
)
def test_the_label_is_the_name_in_the_active_language(language: str, expected: str) -> None:
    germany = Country.objects.get(iso3="DEU")
    with translation.override(language):
        assert (germany.label, str(germany)) == (expected, expected)


def test_the_label_falls_back_to_english_where_a_name_is_blank() -> None:
    country = Country(iso3="XXA", iso2="XA", name="Atlantis", name_fr="", name_es="Atlántida")
    with translation.override("fr"):
        assert country.label == "Atlantis"


def test_the_sort_key_folds_accents_and_case() -> None:
    names = ["Espagne", "émirats arabes unis", "Égypte", "Allemagne", "Zambie"]
    assert sorted(names, key=label_sort_key) == [
        "Allemagne",
        "Égypte",
        "émirats arabes unis",
        "Espagne",
        "Zambie",
    ]


def test_the_french_sign_up_page_offers_countries_by_their_french_names() -> None:
    html = _client_in("fr").get(reverse("accounts:signup")).content.decode()
    options = _options(html, "country")
    labels = [label for _code, label in options]
    assert ("DEU", "Allemagne") in options and "Germany" not in labels


def test_the_french_drop_down_is_sorted_by_the_french_names_accents_folded() -> None:
    html = _client_in("fr").get(reverse("accounts:signup")).content.decode()
    labels = [label for _code, label in _options(html, "country")]
    assert labels == sorted(labels, key=label_sort_key)
    assert labels.index("Danemark") < labels.index("Égypte") < labels.index("Espagne")


def test_the_arabic_reference_page_of_a_country_has_its_arabic_heading() -> None:
    response = _client_in("ar").get(reverse("geo:country", args=["COD"]))
    assert "<h1>الكونغو - كينشاسا</h1>" in response.content.decode()


def test_the_api_keeps_the_english_name_whatever_the_language() -> None:
    response = _client_in("fr").get("/api/reference/countries/DEU", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.json()["name"] == "Germany"


def test_the_statistics_name_countries_in_the_language_of_the_page_and_keep_the_iso_key(personas) -> None:
    # As every other label of the statistics (stages, arrangements): the key column stays the code.
    make_network()
    client = client_for(personas.operator_user, personas.operator_user.memberships.get().organisation)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    response = client.get(reverse("insights:full_export", args=["partnerships_by_country", "csv"]))

    rows = {row[0]: row[1] for row in csv.reader(io.StringIO(response.content.decode()))}
    assert rows["DEU"] == "Allemagne"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("insights:full_export", args=["partnerships_by_country", "csv"]))
    assert {row[0]: row[1] for row in csv.reader(io.StringIO(english.content.decode()))}["DEU"] == "Germany"


# Regions ----------------------------------------------------------------------------------------------


def test_every_region_of_the_countries_file_has_its_names() -> None:
    from interfirm.geo.names import _table

    by_code = _table("region_names.csv", "m49")
    used = set(Country.objects.exclude(region_code="").values_list("region_code", flat=True))
    used |= set(Country.objects.exclude(subregion_code="").values_list("subregion_code", flat=True))
    assert used and used <= set(by_code)
    assert all(names["fr"] and names["es"] and names["ar"] for names in by_code.values())


@pytest.mark.parametrize(
    "language,africa,sub_saharan",
    [
        ("en", "Africa", "Sub-Saharan Africa"),
        ("fr", "Afrique", "Afrique subsaharienne"),
        ("es", "África", "África subsahariana"),
        ("es-419", "África", "África subsahariana"),
    ],
)
def test_a_region_is_named_in_the_active_language(language, africa, sub_saharan) -> None:
    from interfirm.geo.names import region_label

    kenya = Country.objects.get(pk="KEN")
    with translation.override(language):
        assert (kenya.region_label, kenya.subregion_label) == (africa, sub_saharan)
        assert region_label("", "Africa") == africa  # found by its English name too
    assert kenya.region == "Africa"  # what is stored, filtered on and given by the API


def test_a_region_the_file_does_not_name_keeps_its_english_name() -> None:
    from interfirm.geo.names import region_label

    with translation.override("fr"):
        assert region_label("999", "Atlantis") == "Atlantis"
        assert region_label("", "") == ""


def test_the_search_and_country_pages_name_regions_in_the_page_language() -> None:
    search = _client_in("fr").get(reverse("search:opportunities")).content.decode()
    assert ">Afrique</option>" in search and ">Africa</option>" not in search
    arabic = _client_in("ar").get(reverse("geo:country", args=["KEN"])).content.decode()
    assert "أفريقيا" in arabic and "Sub-Saharan Africa" not in arabic
    countries = _client_in("es").get(reverse("geo:countries"), {"region": "Africa"})
    assert countries.status_code == 200 and "África" in countries.content.decode()
    assert 'value="Africa" selected' in countries.content.decode()  # the filter's value stays the name


# Languages --------------------------------------------------------------------------------------------


def test_every_language_has_its_names_in_a_sentence_and_in_a_list() -> None:
    from interfirm.geo.models import Language
    from interfirm.geo.names import _table, language_label, language_name

    assert set(Language.objects.values_list("code", flat=True)) <= set(_table("language_names.csv", "code"))
    with translation.override("fr"):
        assert (language_name("es"), language_label("es")) == ("espagnol", "Espagnol")
        assert str(Language.objects.get(pk="es")) == "Espagnol"
    with translation.override("ar"):
        assert language_label("en") == "الإنجليزية"
    assert language_name("es") == "Spanish" and Language.objects.get(pk="es").name == "Spanish"
    assert language_label("xx", "Klingon") == "Klingon"


def test_the_gap_report_names_the_languages_in_the_page_language() -> None:
    from interfirm.matching.selectors import _gap_text, _language_names

    gap = {"kind": "language", "item": "es", "side": "candidate"}
    with translation.override("fr"):
        text = _gap_text(gap, {}, _language_names())
    assert "espagnol" in text and "Spanish" not in text
