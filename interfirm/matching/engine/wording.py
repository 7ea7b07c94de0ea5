"""The wording of reasons: an English line that remembers the message it was written from, so that a
page can write it again in its user's language.

A feature returns ``why(gettext_noop("same ISIC class ({code})"), code="2511")``: a ``Why``, which is
the English line itself (a ``str``), with its ``message`` and ``params`` beside it. Plurals go through
``ngettext``: ``why(*ngettext("{n} partnership on record", "{n} partnerships on record", n), n=n)``.
The engine never imports Django and translates nothing; the names ``gettext_noop`` and ``ngettext`` are
those ``makemessages`` extracts, so the messages land in the matching app's catalogues, and the pages
(``matching.selectors.reason_text``) look them up there.

Parameters are written into the English line as they are, except a ``datetime.date``, written as its
month and year ("December 2026") and kept as its ISO date (a page writes the month in its language).
Lists of codes are passed joined by ", " under names a page knows how to label (``domains``,
``arrangements``, ``size``...; see ``matching.selectors``).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping


def gettext_noop(message: str) -> str:
    """Return ``message``: marks it for the catalogues (it is translated where it is shown)."""
    return message


def ngettext(singular: str, plural: str, count: int) -> tuple[str, str, int]:
    """Mark a message with a plural for the catalogues; return what ``why`` takes (its arguments)."""
    return singular, plural, count


_SCALARS = (str, int, float)
_PLAIN_TYPES = frozenset(_SCALARS)
_PLAIN: dict[str, Why] = {}


class Why(str):
    """The English line of a reason, with the message, plural and parameters it was written from
    (``source``: one attribute, set once; reasons are written for every suggestion returned)."""

    source: tuple[str, str, int | None, Mapping[str, str | int | float]]

    def __new__(cls, message: str, plural: str = "", count: int | None = None, **params: object) -> Why:
        if not params and not plural:  # most candidates get one of these: each is made once
            held = _PLAIN.get(message)
            if held is None:
                held = _PLAIN[message] = cls._made(message, "", None, params, params)
            return held
        english = stored = params
        for value in params.values():
            if value.__class__ not in _PLAIN_TYPES:  # rare (a date): only then are copies made
                english, stored = _written(params)
                break
        return cls._made(message, plural, count, english, stored)

    @classmethod
    def _made(
        cls,
        message: str,
        plural: str,
        count: int | None,
        english: Mapping[str, object],
        stored: Mapping[str, object],
    ) -> Why:
        line = str.__new__(cls, (plural if plural and count != 1 else message).format(**english))
        line.source = (message, plural, count, stored)  # type: ignore[assignment]
        return line

    @property
    def message(self) -> str:
        return self.source[0]

    @property
    def plural(self) -> str:
        return self.source[1]

    @property
    def number(self) -> int | None:
        """The count that chose the plural (``str.count`` is a method)."""
        return self.source[2]

    @property
    def params(self) -> Mapping[str, str | int | float]:
        return self.source[3]


def _written(params: dict[str, object]) -> tuple[dict[str, object], dict[str, object]]:
    """Return the parameters as the English line writes them, and as they are kept."""
    english, stored = dict(params), dict(params)
    for key, item in params.items():
        if isinstance(item, datetime.date):
            stored[key], english[key] = item.isoformat(), f"{item:%B %Y}"
        elif not isinstance(item, _SCALARS):
            raise TypeError(f"reason parameter {key} is not a string, number or date")
    return english, stored


why = Why
"""``why(message, plural="", count=None, **params)``: the reason line of ``message`` (``plural`` when
``count`` is not 1) with ``params``."""
