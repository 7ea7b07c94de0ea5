"""Pages of matching: suggested partners of a firm and of an opportunity with their reasons and gap
reports, the intermediary's portfolio view, feedback (save, dismiss, interest, forward), saved searches.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.lib.access import role_required
from interfirm.matching import selectors, services
from interfirm.matching.forms import DismissForm, ForwardForm, SavedSearchEditForm, SavedSearchForm
from interfirm.matching.models import DismissReason, Frequency, Suggestion
from interfirm.opportunities.selectors import opportunity_viewable

ACTORS = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY)
PARTIES = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY, OrganisationKind.OPERATOR)


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def _viewer_url(suggestion: Suggestion) -> str:
    if suggestion.viewer_opportunity_id is not None:
        reference = suggestion.viewer_opportunity.reference  # type: ignore[union-attr]
        return reverse("matching:opportunity_suggestions", kwargs={"reference": reference})
    return reverse("matching:firm_suggestions_for", kwargs={"reference": suggestion.viewer_firm.reference})


def _page(
    request: HttpRequest, *, firm: Any, opportunity: Any = None, status: int = 200, **extra: Any
) -> HttpResponse:
    views, empty = selectors.suggestions_for_viewer(
        user=request.user, viewer_firm=firm, viewer_opportunity=opportunity
    )
    membership = _membership(request)
    return render(
        request,
        "matching/suggestions.html",
        {
            "firm": firm,
            "opportunity": opportunity,
            "suggestions": views,
            "empty_reason": empty,
            # The reasons' labels once for the page, not once per suggestion.
            "dismiss_choices": [(value, str(label)) for value, label in DismissReason.choices],
            "can_forward": membership is not None
            and membership.organisation.kind == OrganisationKind.INTERMEDIARY,
            "next": request.get_full_path(),
            **extra,
        },
        status=status,
    )


@role_required(kinds=ACTORS)
def firm_suggestions(request: HttpRequest) -> HttpResponse:
    """The acting firm's suggested partners; for an intermediary, those of every firm of its portfolio."""
    membership = _membership(request)
    assert membership is not None  # role_required
    if membership.organisation.kind == OrganisationKind.INTERMEDIARY:
        firms = selectors.viewer_firms(membership=membership)
        return render(
            request,
            "matching/portfolio.html",
            {"rows": selectors.portfolio_suggestions(user=request.user, intermediary=None, firms=firms)},
        )
    firm = selectors.viewer_firm_get(user=request.user, membership=membership, reference=None)
    return _page(request, firm=firm)


@role_required(kinds=PARTIES)
def firm_suggestions_for(request: HttpRequest, reference: str) -> HttpResponse:
    """Suggested partners of one firm the acting organisation acts for (its own, or one it represents)."""
    firm = selectors.viewer_firm_get(user=request.user, membership=_membership(request), reference=reference)
    return _page(request, firm=firm)


@role_required(kinds=PARTIES)
def opportunity_suggestions(request: HttpRequest, reference: str) -> HttpResponse:
    """Suggested partners of one opportunity, for its owner side."""
    from interfirm.opportunities.selectors import opportunity_get_for_owner

    opportunity = opportunity_get_for_owner(
        user=request.user, membership=_membership(request), reference=reference, details=False
    )
    return _page(request, firm=opportunity.firm, opportunity=opportunity)


def _suggestion(request: HttpRequest, pk: int) -> Suggestion:
    return selectors.suggestion_get_for_user(user=request.user, membership=_membership(request), pk=pk)


def _acting_for(request: HttpRequest) -> Any:
    membership = _membership(request)
    return membership.organisation if membership else None


def _form_message(form: Any) -> str:
    """Return the errors of a small form posted from another page, as one message naming each field."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        text = " ".join(str(e) for e in errors)
        parts.append(f"{label}: {text}" if label else text)
    return " ".join(parts)


@require_POST
@role_required(kinds=PARTIES)
def save(request: HttpRequest, pk: int) -> HttpResponse:
    """Keep a suggestion in the saved list."""
    suggestion = _suggestion(request, pk)
    services.suggestion_save(actor=request.user, acting_for=_acting_for(request), suggestion=suggestion)  # type: ignore[arg-type]
    messages.success(request, _("Suggestion saved."))
    return _back(request, _viewer_url(suggestion))


@require_POST
@role_required(kinds=PARTIES)
def dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    """Dismiss a suggestion with a reason: it is never suggested again."""
    suggestion = _suggestion(request, pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_message(form))
        return _back(request, _viewer_url(suggestion))
    services.suggestion_dismiss(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=_acting_for(request),
        suggestion=suggestion,
        reason=form.cleaned_data["reason"],
        note=form.cleaned_data["note"],
    )
    messages.success(request, _("Suggestion dismissed: it will not be suggested again."))
    return _back(request, _viewer_url(suggestion))


@require_POST
@role_required(kinds=ACTORS)
def interest(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the interest and go on to express it on the candidate's opportunity."""
    suggestion = _suggestion(request, pk)
    opportunity = suggestion.candidate_opportunity
    if opportunity is None:
        messages.error(request, _("This partner has no published opportunity to express interest in yet."))
        return _back(request, _viewer_url(suggestion))
    services.suggestion_interest(actor=request.user, acting_for=_acting_for(request), suggestion=suggestion)  # type: ignore[arg-type]
    return redirect("introductions:express", reference=opportunity.reference)


@require_POST
@role_required(kinds=(OrganisationKind.INTERMEDIARY,))
def forward(request: HttpRequest, pk: int) -> HttpResponse:
    """Forward a suggestion to the portfolio firm it was made for."""
    suggestion = _suggestion(request, pk)
    form = ForwardForm(request.POST)
    if not form.is_valid():  # the note too long: say so rather than forward without it
        messages.error(request, _form_message(form))
        return _back(request, _viewer_url(suggestion))
    note = form.cleaned_data["note"]
    services.suggestion_forward(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=_acting_for(request),
        suggestion=suggestion,
        note=note,
    )
    messages.success(request, _("Suggestion forwarded to the firm."))
    return _back(request, _viewer_url(suggestion))


# Saved searches ------------------------------------------------------------------------------------


@role_required(kinds=ACTORS)
def saved_searches(request: HttpRequest) -> HttpResponse:
    """The acting organisation's saved searches and alerts."""
    membership = _membership(request)
    rows = selectors.saved_searches_of(membership=membership)
    # "Opportunities like" one that has since closed keeps its reference, linked only if it still opens.
    linked = {
        row.pk
        for row in rows
        if row.like_opportunity is not None
        and opportunity_viewable(user=request.user, membership=membership, opportunity=row.like_opportunity)
    }
    return render(request, "matching/saved_searches.html", {"saved_searches": rows, "linked": linked})


@require_POST
@role_required(kinds=ACTORS)
def saved_search_create(request: HttpRequest) -> HttpResponse:
    """Save the search page's current search (posted from the search page)."""
    form = SavedSearchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_message(form))
        return _back(request, reverse("search:opportunities"))
    try:
        services.saved_search_create(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            name=form.cleaned_data["name"],
            query=form.cleaned_data["query"],
            frequency=form.cleaned_data["frequency"],
        )
    except services.InvalidQuery as error:
        from interfirm.search.forms import OpportunitySearchForm

        fields = OpportunitySearchForm.base_fields
        text = "; ".join(
            f"{fields[name].label if name in fields else name}: {message}"
            for name, message in error.errors.items()
        )
        messages.error(request, _("The search was not saved: %(errors)s") % {"errors": text})
        return _back(request, reverse("search:opportunities"))
    messages.success(request, _("Search saved: new matching opportunities will come in your digest."))
    return redirect("matching:saved_searches")


@require_POST
@role_required(kinds=ACTORS)
def like(request: HttpRequest, reference: str) -> HttpResponse:
    """Ask for alerts of opportunities like this published one."""
    from interfirm.opportunities.selectors import opportunity_get_published

    opportunity = opportunity_get_published(reference=reference)
    frequency = request.POST.get("frequency", Frequency.WEEKLY)
    services.saved_search_create(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=_acting_for(request),
        name=_("Like %(reference)s") % {"reference": opportunity.reference},
        like_opportunity=opportunity,
        frequency=frequency if frequency in Frequency.values else Frequency.WEEKLY,
    )
    messages.success(request, _("You will get opportunities like this one in your digest."))
    return redirect("matching:saved_searches")


@role_required(kinds=ACTORS)
def saved_search_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a saved search, change how often it is sent, pause it."""
    saved = selectors.saved_search_get(membership=_membership(request), pk=pk)
    form = SavedSearchEditForm(
        request.POST or None,
        initial={"name": saved.name, "frequency": saved.frequency, "is_active": saved.is_active},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.saved_search_update(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                saved_search=saved,
                **form.cleaned_data,
            )
            messages.success(request, _("Saved search updated."))
            return redirect("matching:saved_searches")
        status = 422
    return render(request, "matching/saved_search_edit.html", {"saved": saved, "form": form}, status=status)


@require_POST
@role_required(kinds=ACTORS)
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a saved search."""
    saved = selectors.saved_search_get(membership=_membership(request), pk=pk)
    services.saved_search_delete(actor=request.user, acting_for=_acting_for(request), saved_search=saved)  # type: ignore[arg-type]
    messages.success(request, _("Saved search deleted."))
    return redirect("matching:saved_searches")
