"""Reads of ISIC Rev.4 and the NACE Rev.2 correspondence. All public."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from interfirm.sectors.models import IsicCode, IsicLevel, NaceCode

MAX_SEARCH_TERMS = 8


def isic_get(code: str) -> IsicCode:
    """Return the ISIC code ``code`` (a section letter in any case); raise Http404 if unknown."""
    found = IsicCode.objects.filter(code=code.strip().upper()).first()
    if found is None:
        raise Http404("unknown ISIC code")
    return found


def isic_ancestors(code: str) -> list[IsicCode]:
    """Return the ancestors of ``code``, the section first and the direct parent last ([] for a section).

    Raise Http404 for an unknown code. One query: the ancestors' codes follow from the code itself.
    """
    node = isic_get(code)
    if node.level == IsicLevel.SECTION:
        return []
    candidates = [node.section] + [node.code[:length] for length in range(2, len(node.code))]
    by_code = {c.code: c for c in IsicCode.objects.filter(code__in=candidates)}
    return [by_code[c] for c in candidates if c in by_code]


def isic_children(code: str) -> QuerySet[IsicCode]:
    """Return the direct children of ``code``, by code."""
    return IsicCode.objects.filter(parent_id=code.strip().upper()).order_by("code")


def isic_descendants(code: str) -> QuerySet[IsicCode]:
    """Return every code below ``code`` in the hierarchy (its divisions, groups and classes)."""
    node = isic_get(code)
    if node.level == IsicLevel.SECTION:
        return IsicCode.objects.filter(section=node.code).exclude(code=node.code)
    return IsicCode.objects.filter(code__startswith=node.code).exclude(code=node.code)


def isic_related_codes(code: str) -> list[str]:
    """Return ``code``, its ancestors and its descendants: the codes whose coverage overlaps ``code``.

    An intermediary covering division 10 serves a firm in class 1030, and one covering class 1030
    works in section C: a sector filter matches both.
    """
    node = isic_get(code)
    return [
        node.code,
        *(a.code for a in isic_ancestors(node.code)),
        *isic_descendants(node.code).values_list("code", flat=True),
    ]


def isic_search(q: str) -> QuerySet[IsicCode]:
    """Return the codes whose title contains every word of ``q`` (or whose code starts with ``q``)."""
    words = q.split()[:MAX_SEARCH_TERMS]
    if not words:
        return IsicCode.objects.none()
    condition = Q()
    for word in words:
        condition &= Q(title__icontains=word)
    if len(words) == 1:
        condition |= Q(code__startswith=words[0].upper())
    return IsicCode.objects.filter(condition).order_by("code")


def isic_list(*, level: str = "", parent: str = "", q: str = "") -> QuerySet[IsicCode]:
    """Return the ISIC codes of ``level`` under ``parent`` (direct children) matching the text ``q``."""
    codes = isic_search(q) if q.strip() else IsicCode.objects.order_by("code")
    if level:
        codes = codes.filter(level=level)
    if parent:
        codes = codes.filter(parent_id=parent.strip().upper())
    return codes


def isic_choices(
    *, levels: tuple[str, ...] = (IsicLevel.SECTION, IsicLevel.DIVISION)
) -> list[tuple[str, str]]:
    """Return (code, "code – title") pairs of the given levels, each section followed by its codes."""
    rows = IsicCode.objects.filter(level__in=levels)
    ordered = sorted(rows, key=lambda c: (c.section, c.level != IsicLevel.SECTION, c.code))
    return [(c.code, f"{c.code} – {c.title}") for c in ordered]


def nace_get(code: str) -> NaceCode:
    """Return the NACE Rev.2 code ``code`` with its ISIC codes; raise Http404 if unknown."""
    found = NaceCode.objects.prefetch_related("isic").filter(code=code.strip().upper()).first()
    if found is None:
        raise Http404("unknown NACE code")
    return found
