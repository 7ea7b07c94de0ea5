"""Public reference pages: countries with their groups, and the corridor of two countries."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from interfirm.geo.corridors import corridor_of
from interfirm.geo.forms import CorridorForm, CountryFilterForm
from interfirm.geo.models import label_sort_key
from interfirm.geo.selectors import country_get, country_list, groups_in_force
from interfirm.lib.access import public


@public
def index(request: HttpRequest) -> HttpResponse:
    """Send visitors of /reference/ to the country list."""
    return redirect("geo:countries")


@public
def countries(request: HttpRequest) -> HttpResponse:
    """List countries, filtered by region, economy group and group membership on a date."""
    form = CountryFilterForm(request.GET or None)
    filters: dict[str, object] = {}
    if form.is_bound:
        form.is_valid()  # invalid fields are reported and ignored; the valid ones still filter
        filters = {key: value for key, value in form.cleaned_data.items() if value}
    on = filters.get("on")
    day = on if isinstance(on, datetime.date) else datetime.date.today()
    found = sorted(country_list(**filters), key=lambda c: label_sort_key(c.label))  # type: ignore[arg-type]
    rows = [(country, groups_in_force(country, day)) for country in found]
    return render(request, "geo/countries.html", {"form": form, "rows": rows, "day": day})


@public
def country(request: HttpRequest, iso3: str) -> HttpResponse:
    """Show one country: its regions, economy and income groups, and its group memberships with dates."""
    found = country_get(iso3)
    today = datetime.date.today()
    return render(
        request,
        "geo/country.html",
        {
            "country": found,
            "memberships": list(found.memberships.all()),
            "groups_today": groups_in_force(found, today),
            "today": today,
        },
    )


@public
def corridor(request: HttpRequest) -> HttpResponse:
    """Pick two countries (and a date): show the corridor between them and the groups involved."""
    form = CorridorForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        a, b = form.cleaned_data["a"], form.cleaned_data["b"]
        day = form.cleaned_data["on"] or datetime.date.today()
        # The form's countries carry no prefetched memberships; two countries cost two small queries.
        result = {"a": a, "b": b, "day": day, "corridor": corridor_of(a, b, on=day)}
    return render(request, "geo/corridor.html", {"form": form, "result": result})
