"""Pages of support instruments: the public list of open instruments and one instrument (no firm data
in them); "support you may qualify for" for a firm; managing instruments (operators every one,
intermediaries their own as provider)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.firms.selectors import firm_for_membership
from interfirm.instruments import selectors, services
from interfirm.instruments.forms import SupportInstrumentForm
from interfirm.instruments.models import InstrumentKind
from interfirm.lib.access import authenticated, public, role_required


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


@public
def index(request: HttpRequest) -> HttpResponse:
    """The support instruments open to applications, by kind."""
    kind = str(request.GET.get("kind", ""))
    instruments = selectors.open_instruments()
    if kind in InstrumentKind.values:
        instruments = instruments.filter(kind=kind)
    return render(
        request,
        "instruments/list.html",
        {"instruments": instruments, "kinds": InstrumentKind.choices, "kind": kind},
    )


@public
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One open instrument with its eligibility rules."""
    instrument = selectors.instrument_get_public(slug=slug)
    return render(
        request,
        "instruments/detail.html",
        {"instrument": instrument, "rules": selectors.rule_lines(instrument)},
    )


@role_required(kinds=(OrganisationKind.FIRM,))
def eligible(request: HttpRequest) -> HttpResponse:
    """Support the acting firm may qualify for, with the rules it meets and those it does not."""
    firm = firm_for_membership(_membership(request))
    found = selectors.eligibility_for_firm(firm)
    return render(
        request,
        "instruments/eligible.html",
        {
            "qualifying": [e for e in found if e.may_qualify],
            "others": [e for e in found if not e.may_qualify],
        },
    )


@authenticated
def manage(request: HttpRequest) -> HttpResponse:
    """The instruments the acting organisation manages (404 for anyone but operators and intermediaries)."""
    instruments = selectors.instruments_managed(user=request.user, membership=_membership(request))
    return render(request, "instruments/manage.html", {"instruments": instruments})


def _save(request: HttpRequest, instrument: Any = None) -> HttpResponse:
    membership = _membership(request)
    provider = selectors.managing_intermediary(request.user, membership)
    form = SupportInstrumentForm(request.POST or None, instance=instrument, provider=provider)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            acting_for = membership.organisation if membership else None
            countries = list(form.cleaned_data.get("countries") or [])
            if instrument is None:
                instrument = services.support_instrument_create(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=acting_for,
                    countries=countries,
                    **form.values(),
                )
            else:
                instrument = services.support_instrument_update(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=acting_for,
                    instrument=instrument,
                    countries=countries,
                    **form.values(),
                )
            messages.success(request, _("The support instrument is saved."))
            return redirect("instruments:manage")
        status = 422
    return render(request, "instruments/edit.html", {"form": form, "instrument": instrument}, status=status)


@authenticated
def create(request: HttpRequest) -> HttpResponse:
    """Add a support instrument (an intermediary adds its own)."""
    return _save(request)


@authenticated
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """Change a support instrument the acting organisation manages."""
    instrument = selectors.instrument_get_for_editing(
        user=request.user, membership=_membership(request), slug=slug
    )
    return _save(request, instrument)
