"""The site speaks French, Spanish and Arabic, right to left in Arabic, and its catalogues are complete.

The catalogue tests guard ``locale/`` and every app's own ``interfirm/<app>/locale/``: a string marked for translation but not translated (or left
fuzzy, or translated but not compiled) fails here, with the first missing messages in the failure.
Run ``make messages`` to extract, translate the new entries, and compile.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

TRANSLATED_LANGUAGES = ["fr", "es", "ar"]
LOCALE_DIR = Path(settings.BASE_DIR) / "locale"

HOME_HEADINGS = {
    "fr": "Trouvez des partenaires à l'étranger pour la technologie, la production et la commercialisation",
    "es": "Encuentre socios en el extranjero para la tecnología, la producción y la comercialización",
    "ar": "اعثر على شركاء في الخارج في مجالات التكنولوجيا والإنتاج والتسويق",
}
SIGNUP_HEADINGS = {
    "fr": "Inscrire votre entreprise",
    "es": "Registre su empresa",
    "ar": "سجّل شركتك",
}
HTML_TAGS = {
    "fr": '<html lang="fr" dir="ltr">',
    "es": '<html lang="es" dir="ltr">',
    "ar": '<html lang="ar" dir="rtl">',
}


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    fuzzy: bool = False


def _unquote(literal: str) -> str:
    value = ast.literal_eval(literal)
    assert isinstance(value, str)
    return value


def parse_po(path: Path) -> list[Entry]:
    """Return the live entries of a .po file (not the header, not obsolete ``#~`` entries)."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None

    def flush() -> None:
        nonlocal current, target
        if target is not None and current.msgid != "":
            entries.append(current)
        current, target = Entry(), None

    keyword = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[\d+\])?\s+(".*")$')
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
        elif line.startswith("#,"):
            current.fuzzy = current.fuzzy or "fuzzy" in line
        elif line.startswith("#"):
            continue
        elif match := keyword.match(line):
            name, literal = match.group(1), _unquote(match.group(2))
            if name == "msgstr":
                current.msgstr.append(literal)
                target = ("msgstr", len(current.msgstr) - 1)
            else:
                setattr(current, name, literal)
                target = (name, 0)
        elif line.startswith('"') and target is not None:
            name, index = target
            if name == "msgstr":
                current.msgstr[index] += _unquote(line)
            else:
                setattr(current, name, getattr(current, name) + _unquote(line))
    flush()
    return entries


# The project catalogue and the apps' own (an app may keep its strings in ``interfirm/<app>/locale/``;
# ``make messages`` fills each from the code beside it).
CATALOGUE_DIRS = [LOCALE_DIR, *sorted((Path(settings.BASE_DIR) / "interfirm").glob("*/locale"))]


def _po_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / "django.po"


def _catalogues() -> list[tuple[str, Path]]:
    return [(language, directory) for directory in CATALOGUE_DIRS for language in TRANSLATED_LANGUAGES]


def _catalogue_id(value: object) -> str:
    if isinstance(value, Path):
        return str(value.relative_to(settings.BASE_DIR))
    return str(value)


def _first(msgids: list[str]) -> str:
    return "\n  ".join(repr(m) for m in msgids[:10])


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_home_page_heading_is_translated(client: Client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(reverse("home"))

    assertContains(response, f"<h1>{HOME_HEADINGS[language]}</h1>", html=True)


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_signup_page_heading_is_translated(client: Client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(reverse("accounts:signup"))

    assertContains(response, f"<h1>{SIGNUP_HEADINGS[language]}</h1>", html=True)


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_html_element_states_language_and_direction(client: Client, language: str) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(reverse("home"))

    assert HTML_TAGS[language] in response.content.decode()


@pytest.mark.django_db
def test_language_switcher_sets_the_language_cookie(client: Client) -> None:
    response = client.post(reverse("set_language"), {"language": "ar", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


@pytest.mark.django_db
def test_language_switcher_choice_applies_to_the_next_page(client: Client) -> None:
    client.post(reverse("set_language"), {"language": "es", "next": "/"})

    response = client.get(reverse("home"))

    assertContains(response, f"<h1>{HOME_HEADINGS['es']}</h1>", html=True)


@pytest.mark.parametrize(("language", "locale_dir"), _catalogues(), ids=_catalogue_id)
def test_catalogue_has_no_untranslated_entry(language: str, locale_dir: Path) -> None:
    entries = parse_po(_po_path(language, locale_dir))

    missing = [e.msgid for e in entries if not e.msgstr or any(s == "" for s in e.msgstr)]

    assert entries, f"{_po_path(language, locale_dir)} has no entries"
    assert missing == [], (
        f"{len(missing)} untranslated message(s) in {_po_path(language, locale_dir)}; "
        f"the first ones:\n  {_first(missing)}"
    )


@pytest.mark.parametrize(("language", "locale_dir"), _catalogues(), ids=_catalogue_id)
def test_catalogue_has_no_fuzzy_entry(language: str, locale_dir: Path) -> None:
    fuzzy = [e.msgid for e in parse_po(_po_path(language, locale_dir)) if e.fuzzy]

    assert fuzzy == [], (
        f"{len(fuzzy)} fuzzy message(s) in {_po_path(language, locale_dir)} to review; "
        f"the first ones:\n  {_first(fuzzy)}"
    )


@pytest.mark.parametrize(("language", "locale_dir"), _catalogues(), ids=_catalogue_id)
def test_compiled_catalogue_matches_the_po_file(language: str, locale_dir: Path) -> None:
    with (locale_dir / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)

    stale = [
        e.msgid
        for e in parse_po(_po_path(language, locale_dir))
        if e.msgid_plural is None
        and not e.fuzzy
        and (compiled.pgettext(e.msgctxt, e.msgid) if e.msgctxt is not None else compiled.gettext(e.msgid))
        != e.msgstr[0]
    ]

    assert stale == [], (
        f"{locale_dir / language}/LC_MESSAGES/django.mo is out of date (run compilemessages); "
        f"{len(stale)} message(s) differ, the first ones:\n  {_first(stale)}"
    )


@pytest.mark.parametrize(("language", "locale_dir"), _catalogues(), ids=_catalogue_id)
def test_every_plural_message_has_each_form_of_its_language(language: str, locale_dir: Path) -> None:
    """A message with a plural needs as many forms as the language has (Spanish 3, Arabic 6): with
    fewer, a count that selects a missing form gets the English text."""
    path = _po_path(language, locale_dir)
    header = re.search(r"nplurals=(\d+)", path.read_text(encoding="utf-8"))
    assert header, f"{path} states no Plural-Forms"
    forms = int(header.group(1))

    short = [e.msgid for e in parse_po(path) if e.msgid_plural is not None and len(e.msgstr) != forms]

    assert short == [], (
        f"{len(short)} plural message(s) in {path} without the {forms} forms of its language:\n"
        f"  {_first(short)}"
    )
