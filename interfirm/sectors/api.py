"""Public API of ISIC Rev.4 and the NACE Rev.2 → ISIC Rev.4 correspondence."""

from __future__ import annotations

from typing import Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.params import P, QueryEx

from interfirm.sectors.models import IsicCode
from interfirm.sectors.selectors import isic_ancestors, isic_children, isic_get, isic_list, nace_get

router = Router(tags=["reference"])


class IsicOut(Schema):
    code: str
    level: str
    title: str
    section: str
    parent: str | None = Field(None, alias="parent_id")


class IsicDetailOut(IsicOut):
    ancestors: list[IsicOut]
    children: list[IsicOut]


class NaceOut(Schema):
    code: str
    level: str
    title: str


class NaceIsicOut(Schema):
    nace: NaceOut
    isic: list[IsicOut]


@router.get("/isic", response=list[IsicOut], auth=None, summary="List ISIC Rev.4 codes")
def list_isic(
    request: HttpRequest,
    level: Literal["section", "division", "group", "class"] | None = None,
    parent: QueryEx[str, P(max_length=4)] = "",
    q: QueryEx[str, P(max_length=200)] = "",
) -> list[IsicCode]:
    """Return the ISIC Rev.4 codes of a ``level``, children of ``parent``, whose title matches ``q``."""
    return list(isic_list(level=level or "", parent=parent, q=q))


@router.get("/isic/{code}", response=IsicDetailOut, auth=None, summary="One ISIC Rev.4 code")
def get_isic(request: HttpRequest, code: str) -> dict[str, object]:
    """Return one ISIC code with its ancestors (section first) and its children; 404 if unknown."""
    node = isic_get(code)
    return {
        "code": node.code,
        "level": node.level,
        "title": node.title,
        "section": node.section,
        "parent_id": node.parent_id,
        "ancestors": isic_ancestors(node.code),
        "children": list(isic_children(node.code)),
    }


@router.get("/nace/{code}/isic", response=NaceIsicOut, auth=None, summary="NACE Rev.2 to ISIC Rev.4")
def nace_to_isic(request: HttpRequest, code: str) -> dict[str, object]:
    """Return the ISIC Rev.4 codes corresponding to a NACE Rev.2 code (e.g. 10.39 → 1030); 404 if unknown."""
    nace = nace_get(code)
    return {"nace": nace, "isic": list(nace.isic.order_by("code"))}
