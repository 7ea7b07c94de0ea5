"""Checking answers to an assessment's items. The page and the API both use ``clean_answers``, so a bad
answer is refused the same way: each error names the item (its code) and says what is expected."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from interfirm.readiness.models import Item, ItemKind

EVIDENCE_MAX = 300
NUMBER_MAX = Decimal("1000000000")
YES_VALUES = {"yes", "true", "1", "on"}
NO_VALUES = {"no", "false", "0"}


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def clean_answer(item: Item, value: Any) -> Any:
    """Return the answer to ``item`` in its stored form; raise ``ValueError`` with the reason."""
    if item.kind == ItemKind.EVIDENCE:
        text = "" if value is None else str(value).strip()
        if len(text) > EVIDENCE_MAX:
            raise ValueError(_("Keep it under %(max)d characters.") % {"max": EVIDENCE_MAX})
        return text
    if item.kind == ItemKind.YES_NO:
        if isinstance(value, bool):
            return "yes" if value else "no"
        text = str(value).strip().lower()
        if text in YES_VALUES:
            return "yes"
        if text in NO_VALUES:
            return "no"
        raise ValueError(_("Answer yes or no."))
    if item.kind == ItemKind.SCALE:
        try:
            number = int(str(value).strip())
        except ValueError:
            number = -1
        if isinstance(value, bool) or not 0 <= number <= item.scale_max:
            raise ValueError(_("Choose a whole number from 0 to %(top)d.") % {"top": item.scale_max})
        return number
    if item.kind == ItemKind.CHOICE:
        allowed = [str(choice.get("value")) for choice in item.choices or []]
        if str(value) not in allowed:
            raise ValueError(_("Choose one of: %(options)s.") % {"options": ", ".join(allowed)})
        return str(value)
    if item.kind == ItemKind.NUMBER:
        try:
            amount = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            raise ValueError(_("Give a number.")) from None
        if isinstance(value, bool) or not amount.is_finite():
            raise ValueError(_("Give a number."))
        if amount < 0:
            raise ValueError(_("Give a number of 0 or more."))
        top = NUMBER_MAX if item.number_max is None else min(Decimal(item.number_max), NUMBER_MAX)
        if amount > top:
            raise ValueError(_("Give a number from 0 to %(top)s.") % {"top": f"{top.normalize():f}"})
        return float(amount)
    raise ValueError(_("This item cannot be answered."))


def clean_answers(
    items: list[Item], raw: dict[str, Any], *, complete: bool = False
) -> tuple[dict[str, Any], dict[str, str]]:
    """Return the cleaned answers of ``raw`` (by item code) and the errors, by item code.

    Blank answers are left out (a draft may be partial). ``complete=True`` also reports every item
    left unanswered (evidence items may stay empty: having no certificate is an answer, scoring 0).
    """
    by_code = {item.code: item for item in items}
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for code, value in raw.items():
        item = by_code.get(code)
        if item is None:
            errors[code] = _("Item %(code)s is not part of this assessment.") % {"code": code}
            continue
        if is_blank(value):
            continue
        try:
            cleaned[code] = clean_answer(item, value)
        except ValueError as error:
            errors[code] = _("Item %(code)s (“%(text)s”): %(reason)s") % {
                "code": code,
                "text": item.text,
                "reason": error,
            }
    if complete:
        errors.update(missing_answers(items, cleaned))
    return cleaned, errors


def cleared_answers(items: list[Item], raw: dict[str, Any]) -> set[str]:
    """Return the codes of ``items`` that ``raw`` gives blank: a saved answer taken back (a certificate
    reference erased, a number deleted). Codes that are not items are left to ``clean_answers``."""
    codes = {item.code for item in items}
    return {code for code, value in raw.items() if code in codes and is_blank(value)}


def missing_answers(items: list[Item], answers: dict[str, Any]) -> dict[str, str]:
    """Return an error for every item of ``items`` without an answer in ``answers``."""
    return {
        item.code: _("Item %(code)s (“%(text)s”) needs an answer.") % {"code": item.code, "text": item.text}
        for item in items
        if item.kind != ItemKind.EVIDENCE and item.code not in answers
    }
