"""Reasons in the user's language: the engine writes English and keeps the message it wrote from
(``engine.wording``); the pages write the message again from the catalogues (``selectors.reason_text``)."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from interfirm.matching import engine
from interfirm.matching.engine.wording import Why, gettext_noop, ngettext, why
from interfirm.matching.models import Suggestion
from interfirm.matching.selectors import reason_text
from interfirm.matching.tests.factories import make_network
from interfirm.testing import client_for

ENGINE = Path(engine.__file__).parent
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]


def _engine_messages() -> list[tuple[str, str]]:
    """Return (singular, plural or "") of every message the engine's features mark for translation."""
    tree = ast.parse((ENGINE / "features.py").read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            texts = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if node.func.id == "gettext_noop":
                found.append((texts[0], ""))
            elif node.func.id == "ngettext":
                found.append((texts[0], texts[1]))
    return found


def test_a_reason_is_its_english_line_and_keeps_what_it_was_written_from() -> None:
    line = why(*ngettext("{n} partnership on record", "{n} partnerships on record", 3), n=3)
    assert isinstance(line, str) and line == "3 partnerships on record"
    assert (line.message, line.plural, line.number, dict(line.params)) == (
        "{n} partnership on record",
        "{n} partnerships on record",
        3,
        {"n": 3},
    )
    assert why(*ngettext("{n} partnership on record", "{n} partnerships on record", 1), n=1) == (
        "1 partnership on record"
    )
    assert gettext_noop("as is") == "as is"


def test_a_date_is_written_as_its_month_in_english_and_kept_as_its_iso_date() -> None:
    line = why("ends {month}", month=datetime.date(2026, 12, 31))
    assert line == "ends December 2026"
    assert dict(line.params) == {"month": "2026-12-31"}


def test_a_parameter_that_is_not_a_string_number_or_date_is_refused() -> None:
    with pytest.raises(TypeError, match="reason parameter items"):
        Why("{items}", items=["a", "b"])


def test_the_engine_marks_every_message_of_its_features() -> None:
    messages = _engine_messages()
    assert len(messages) > 40
    assert ("same ISIC class ({code})", "") in messages
    # No reason is written as an f-string any more: each one goes through ``why``.
    source = (ENGINE / "features.py").read_text(encoding="utf-8")
    assert 'return score, f"' not in source and 'return 0.0, "' not in source


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_of_the_engine_is_in_each_catalogue(language: str) -> None:
    with translation.override(language):
        untranslated = [
            singular
            for singular, plural in _engine_messages()
            if (translation.ngettext(singular, plural, 5) if plural else translation.gettext(singular))
            in (singular, plural)
        ]
    assert untranslated == []


def _stored(**changes: object) -> dict[str, object]:
    reason: dict[str, object] = {
        "feature": "complementarity",
        "text": "offer meets request in investment, technology, both open to joint_venture",
        "message": "offer meets request in {domains}, both open to {arrangements}",
        "plural": "",
        "count": None,
        "params": {"domains": "investment, technology", "arrangements": "joint_venture"},
    }
    reason.update(changes)
    return reason


def test_codes_among_the_parameters_are_put_in_words() -> None:
    assert reason_text(_stored()) == (
        "offer meets request in investment and finance, technology, both open to joint venture"
    )
    with translation.override("fr"):
        french = reason_text(_stored())
    assert french != reason_text(_stored())
    assert "investissement" in french.lower() and "coentreprise" in french.lower()


@pytest.mark.django_db
def test_countries_among_the_parameters_are_named_in_the_language_of_the_page() -> None:
    from django.core.management import call_command

    call_command("load_reference", verbosity=0)
    reason = _stored(
        feature="country_affinity",
        text="IND and KAZ partner 1.7x as often as chance",
        message="{country} and {other_country} partner {lift:.1f}x as often as chance",
        params={"country": "IND", "other_country": "KAZ", "lift": 1.7},
    )
    assert reason_text(reason) == "India and Kazakhstan partner 1.7x as often as chance"
    with translation.override("fr"):
        assert reason_text(reason).startswith("Inde et Kazakhstan")
        assert "1,7" in reason_text(reason)  # the decimal separator of the page's language


def test_a_month_is_written_in_the_language_of_the_page() -> None:
    reason = _stored(
        feature="follow_up",
        text="your joint partnership in SC5 ends December 2026",
        message="your joint partnership in {fields} ends {month}",
        params={"fields": "SC5", "month": "2026-12-31"},
    )
    assert reason_text(reason) == "your joint partnership in SC5 ends December 2026"
    with translation.override("fr"):
        assert "décembre 2026" in reason_text(reason)
    with translation.override("es"):
        assert "diciembre" in reason_text(reason)


def test_the_gap_a_reason_names_is_written_as_the_gap_report_writes_it() -> None:
    reason = _stored(
        feature="requirements_met",
        text="meets 1 of 2 requirements; lacks the certification ISO 9001",
        message="meets {met} of {asked} requirement; {gap}",
        plural="meets {met} of {asked} requirements; {gap}",
        count=2,
        params={
            "met": 1,
            "asked": 2,
            "gap": "lacks the certification ISO 9001",
            "gap_kind": "certification",
            "gap_item": "ISO 9001",
            "gap_side": "candidate",
        },
    )
    assert reason_text(reason, certifications={"ISO 9001": "ISO 9001 quality management"}) == (
        "meets 1 of 2 requirements; the partner lacks the certification ISO 9001 quality management"
    )


def test_a_row_without_its_message_or_a_translation_that_does_not_fit_keeps_the_english_line(
    monkeypatch,
) -> None:
    assert reason_text({"feature": "own", "text": "an installation's own feature"}) == (
        "an installation's own feature"
    )
    monkeypatch.setattr(translation, "gettext", lambda message: "{nothing_like_it}")
    monkeypatch.setattr("interfirm.matching.selectors._", lambda message: "{nothing_like_it}")
    assert reason_text(_stored()) == _stored()["text"]


_SCALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=12))
_PARAM_NAMES = st.sampled_from(
    ["domains", "size", "month", "gap", "gap_kind", "gap_item", "gap_side", "n", "x"]
)


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    message=st.one_of(st.none(), st.text(max_size=30), st.sampled_from(["{n} of {x}", "{month}", "{gap}"])),
    plural=st.one_of(st.none(), st.text(max_size=20)),
    count=_SCALAR,
    params=st.one_of(
        st.none(),
        st.dictionaries(_PARAM_NAMES, st.one_of(_SCALAR, st.sampled_from(["2026-02-30", "1999-12-31"]))),
    ),
)
def test_a_stored_reason_of_any_shape_gives_a_line_and_never_fails(message, plural, count, params) -> None:
    reason = {"text": "the English line", "message": message, "plural": plural, "count": count}
    reason["params"] = params
    assert isinstance(reason_text(reason, certifications={}, languages={}), str)


@pytest.mark.django_db
def test_the_suggestions_page_gives_the_reasons_in_the_users_language(personas):
    net = make_network(personas)
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    url = reverse("matching:opportunity_suggestions", args=[net.request.reference])
    english = client.get(url).content.decode()
    assert "offer meets request in production, both open to supply or manufacturing agreement" in english

    row = Suggestion.objects.filter(reasons__isnull=False).first()
    assert row is not None
    reason = next(r for r in row.reasons if r["feature"] == "complementarity")
    assert reason["message"] and reason["params"]  # stored with the row, for any language later

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french = client.get(url).content.decode()
    with translation.override("fr"):
        expected = reason_text(reason)
    assert expected != reason["text"] and expected in french
    assert reason["text"] not in french
