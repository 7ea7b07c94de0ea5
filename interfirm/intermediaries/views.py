"""Pages of the intermediary directory: public search and detail, and editing one's own entry."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from interfirm.accounts.models import OrganisationKind, Role
from interfirm.intermediaries.forms import DirectorySearchForm, IntermediaryForm
from interfirm.intermediaries.selectors import (
    intermediary_get_public,
    intermediary_of_organisation,
    intermediary_search,
)
from interfirm.intermediaries.services import intermediary_update
from interfirm.lib.access import public, role_required

PER_PAGE = 20


@public
def directory(request: HttpRequest) -> HttpResponse:
    """Search and filter the listed intermediaries, 20 a page."""
    form = DirectorySearchForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # invalid filters are reported on the form and ignored; the valid ones apply
    page = Paginator(intermediary_search(form.filters()), PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "intermediaries/directory.html",
        {"form": form, "page": page, "querystring": query.urlencode(), "filtered": bool(query)},
    )


@public
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Show everything public about one listed intermediary."""
    intermediary = intermediary_get_public(slug)
    membership = getattr(request, "membership", None)
    can_edit = bool(
        membership
        and membership.organisation_id == intermediary.organisation_id
        and membership.role == Role.MANAGER
    )
    return render(request, "intermediaries/detail.html", {"intermediary": intermediary, "can_edit": can_edit})


@role_required(kinds=(OrganisationKind.INTERMEDIARY,), roles=(Role.MANAGER,))
def edit(request: HttpRequest) -> HttpResponse:
    """Let an intermediary's managers edit their own directory entry (and only their own)."""
    membership = request.membership  # type: ignore[attr-defined]
    intermediary = intermediary_of_organisation(membership.organisation_id)
    if request.method == "POST":
        form = IntermediaryForm(request.POST, instance=intermediary)
        if form.is_valid():
            saved = intermediary_update(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=membership.organisation,
                intermediary=intermediary,
                **form.changes(),
            )
            messages.success(request, _("Your directory entry was saved."))
            return redirect(saved.get_absolute_url() if saved.is_listed else "intermediaries:edit")
    else:
        form = IntermediaryForm(instance=intermediary)
    return render(request, "intermediaries/edit.html", {"form": form, "intermediary": intermediary})
