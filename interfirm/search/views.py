"""The public page to search and browse the published opportunities (anonymised)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from interfirm.geo.models import label_sort_key
from interfirm.lib.access import public
from interfirm.search.forms import OpportunitySearchForm
from interfirm.search.selectors import Facet, country_label, opportunity_search, search_viewer_firm

# The facets shown as links beside the results, in this order (the ISIC levels are browsed through
# the one "sector" facet, which drills down from sections to classes).
SHOWN_FACETS: tuple[str, ...] = (
    "kind",
    "domain",
    "arrangement",
    "sector",
    "corridor",
    "region",
    "country",
    "economy_group",
    "ldc",
    "size",
    "deadline_within",
)
MAX_FACET_LINKS = 12


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True)
class FacetLinks:
    name: str
    label: str
    links: tuple[FacetLink, ...]
    more: int


def _link(query: QueryDict, param: str, value: str, selected: bool) -> str:
    """Return the query string that selects ``value`` for ``param`` (or removes it when selected)."""
    changed = query.copy()
    changed.pop("page", None)
    if selected:
        changed.pop(param, None)
    else:
        changed[param] = value
    encoded = changed.urlencode()
    return f"?{encoded}" if encoded else "?"


def _facet_links(facet: Facet, query: QueryDict) -> FacetLinks:
    shown = facet.values[:MAX_FACET_LINKS]
    labels = {v.value: v.label for v in shown}
    if facet.name == "country":
        # The facet names countries in English (as the API gives it); the page, in its own language.
        labels = {v.value: country_label(v.value) for v in shown}
        shown = tuple(sorted(shown, key=lambda v: (-v.count, label_sort_key(labels[v.value]))))
    return FacetLinks(
        name=facet.name,
        label=facet.label,
        links=tuple(
            FacetLink(labels[v.value], v.count, _link(query, facet.param, v.value, v.selected), v.selected)
            for v in shown
        ),
        more=len(facet.values) - len(shown),
    )


def _page_number(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


@public
def opportunities(request: HttpRequest) -> HttpResponse:
    """Search and browse the published opportunities, 20 a page, with facet counts; no login needed."""
    viewer_firm = search_viewer_firm(getattr(request, "membership", None))
    form = OpportunitySearchForm(request.GET or None, viewer_firm=viewer_firm)
    if form.is_bound:
        form.is_valid()  # invalid filters are reported on the form and ignored; the valid ones apply
    result = opportunity_search(
        q=form.search_words(),
        filters=form.filters(),
        viewer_firm=viewer_firm,
        sort=form.chosen_sort(),
        page=_page_number(request.GET.get("page")),
    )
    query = request.GET.copy()
    query.pop("page", None)
    facets = [_facet_links(result.facets[name], query) for name in SHOWN_FACETS if name in result.facets]
    return render(
        request,
        "search/opportunities.html",
        {
            "form": form,
            "result": result,
            "facets": [facet for facet in facets if facet.links],
            "querystring": query.urlencode(),
            "filtered": bool(form.search_words() or form.filters().selected()),
        },
    )
