"""Firm profile pages: the firm's own profile and its editing, the public (anonymous) profile, and
the pages through which an intermediary registers and keeps firms for its portfolio (para 29)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interfirm.accounts.models import Membership, Organisation, OrganisationKind, User
from interfirm.firms import selectors, services
from interfirm.firms.forms import ContactPersonForm, FirmMergeForm, FirmProfileForm, FirmRegisterForm
from interfirm.firms.models import Firm
from interfirm.lib.access import public, role_required

FIRM = (OrganisationKind.FIRM,)
INTERMEDIARY = (OrganisationKind.INTERMEDIARY,)
# Who may reach the pages that change a firm by reference; the selector then checks the firm itself.
EDITORS = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY, OrganisationKind.OPERATOR)
MERGERS = (OrganisationKind.INTERMEDIARY, OrganisationKind.OPERATOR)


def _membership(request: HttpRequest) -> Membership | None:
    """Return the membership the user acts through (set by the accounts middleware or API auth)."""
    # The middleware sets a lazy object that may wrap None: "or None" unwraps that case.
    return getattr(request, "membership", None) or None


def _user(request: HttpRequest) -> User:
    """Return the signed-in user (every view that writes is behind ``role_required``)."""
    return request.user  # type: ignore[return-value]


def _acting_for(request: HttpRequest) -> Organisation | None:
    membership = _membership(request)
    return membership.organisation if membership else None


def _may(check: Any, **kwargs: Any) -> bool:
    try:
        check(**kwargs)
    except Http404:
        return False
    return True


def _full_context(request: HttpRequest, firm: Firm) -> dict[str, Any]:
    """Return what a party to the firm sees: the profile, completeness, contacts, representations."""
    membership = _membership(request)
    is_own = membership is not None and membership.organisation_id == firm.organisation_id
    return {
        "firm": firm,
        "completeness": selectors.firm_completeness(firm),
        "contacts": list(firm.contacts.all()),
        "representations": list(
            firm.representations.filter(ended_at__isnull=True)
            .select_related("intermediary")
            .order_by("created_at")
        ),
        "edit_url": reverse("firms:edit") if is_own else reverse("firms:edit_for", args=[firm.reference]),
        "contacts_url": reverse("firms:contacts")
        if is_own
        else reverse("firms:contacts_for", args=[firm.reference]),
        "may_edit": _may(
            selectors.firm_get_for_editing, user=request.user, membership=membership, reference=firm.reference
        ),
        "may_merge": _may(
            selectors.firm_get_for_merging, user=request.user, membership=membership, reference=firm.reference
        ),
    }


# The acting firm's own pages -----------------------------------------------------------------------


@role_required(kinds=FIRM)
def mine(request: HttpRequest) -> HttpResponse:
    """Show the acting firm its full profile, how complete it is and what is missing."""
    firm = selectors.firm_for_membership(_membership(request))
    context = _full_context(request, firm)
    context["profile"] = selectors.firm_anonymous_profile(firm)
    return render(request, "firms/mine.html", context)


@role_required(kinds=FIRM)
def edit(request: HttpRequest) -> HttpResponse:
    """Edit the acting firm's profile."""
    firm = selectors.firm_for_membership(_membership(request))
    return _edit(request, firm, done_url=reverse("firms:mine"), contacts_url=reverse("firms:contacts"))


@role_required(kinds=EDITORS)
def edit_for(request: HttpRequest, reference: str) -> HttpResponse:
    """Edit a firm's profile by reference: the firm itself, a representing intermediary, an operator."""
    firm = selectors.firm_get_for_editing(
        user=request.user, membership=_membership(request), reference=reference
    )
    return _edit(
        request,
        firm,
        done_url=firm.get_absolute_url(),
        contacts_url=reverse("firms:contacts_for", args=[firm.reference]),
    )


def _edit(request: HttpRequest, firm: Firm, *, done_url: str, contacts_url: str) -> HttpResponse:
    # The form works on its own copy, so a rejected value never shows up in the page's heading.
    form = FirmProfileForm(request.POST or None, instance=Firm.objects.get(pk=firm.pk))
    if request.method == "POST" and form.is_valid():
        services.firm_update(
            actor=_user(request),
            acting_for=_acting_for(request),
            firm=firm,
            data=form.profile_data(),
        )
        messages.success(request, _("The profile has been saved."))
        return redirect(done_url)
    return render(
        request,
        "firms/edit.html",
        {
            "firm": firm,
            "form": form,
            "completeness": selectors.firm_completeness(firm),
            "contacts_url": contacts_url,
            "cancel_url": done_url,
        },
    )


# Contact persons ----------------------------------------------------------------------------------


@role_required(kinds=FIRM)
def contacts(request: HttpRequest) -> HttpResponse:
    """List and add the acting firm's contact persons."""
    firm = selectors.firm_for_membership(_membership(request))
    return _contacts(request, firm, here=reverse("firms:contacts"), back_url=reverse("firms:mine"))


@role_required(kinds=EDITORS)
def contacts_for(request: HttpRequest, reference: str) -> HttpResponse:
    """List and add the contact persons of a firm the acting organisation may edit."""
    firm = selectors.firm_get_for_editing(
        user=request.user, membership=_membership(request), reference=reference
    )
    return _contacts(
        request, firm, here=reverse("firms:contacts_for", args=[reference]), back_url=firm.get_absolute_url()
    )


def _contacts(request: HttpRequest, firm: Firm, *, here: str, back_url: str) -> HttpResponse:
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_person_add(
            actor=_user(request),
            acting_for=_acting_for(request),
            firm=firm,
            **form.contact_data(),
        )
        messages.success(request, _("The contact person has been added."))
        return redirect(here)
    return render(
        request,
        "firms/contacts.html",
        {"firm": firm, "contacts": list(firm.contacts.all()), "form": form, "back_url": back_url},
    )


@role_required(kinds=EDITORS)
def contact_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Change one contact person of a firm the acting organisation may edit."""
    firm = selectors.firm_get_for_editing(
        user=request.user, membership=_membership(request), reference=reference
    )
    contact = selectors.contact_get_for_editing(firm=firm, pk=pk)
    form = ContactPersonForm(request.POST or None, instance=type(contact).objects.get(pk=contact.pk))
    if request.method == "POST" and form.is_valid():
        services.contact_person_update(
            actor=_user(request),
            acting_for=_acting_for(request),
            contact=contact,
            data=form.contact_data(),
        )
        messages.success(request, _("The contact person has been saved."))
        return redirect(_contacts_url(request, firm))
    return render(
        request,
        "firms/contact_edit.html",
        {"firm": firm, "contact": contact, "form": form, "back_url": _contacts_url(request, firm)},
    )


@role_required(kinds=EDITORS)
@require_POST
def contact_remove(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Remove one contact person of a firm the acting organisation may edit."""
    firm = selectors.firm_get_for_editing(
        user=request.user, membership=_membership(request), reference=reference
    )
    contact = selectors.contact_get_for_editing(firm=firm, pk=pk)
    services.contact_person_remove(actor=_user(request), acting_for=_acting_for(request), contact=contact)
    messages.success(request, _("The contact person has been removed."))
    return redirect(_contacts_url(request, firm))


def _contacts_url(request: HttpRequest, firm: Firm) -> str:
    membership = _membership(request)
    if membership is not None and membership.organisation_id == firm.organisation_id:
        return reverse("firms:contacts")
    return reverse("firms:contacts_for", args=[firm.reference])


# Public profile and printable sheet ---------------------------------------------------------------


@public
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    """Show a firm: the full profile to its parties, the anonymous profile to everyone else."""
    firm, can_see_identity = selectors.firm_get_for_user(user=request.user, reference=reference)
    context: dict[str, Any] = {
        "profile": selectors.firm_anonymous_profile(firm),
        "can_see_identity": can_see_identity,
    }
    if can_see_identity:
        context.update(_full_context(request, firm))
    return render(request, "firms/detail.html", context)


@public
def sheet(request: HttpRequest, reference: str) -> HttpResponse:
    """A printable profile sheet (full for the firm's parties), for an intermediary to take to a firm."""
    firm, can_see_identity = selectors.firm_get_for_user(user=request.user, reference=reference)
    context: dict[str, Any] = {
        "profile": selectors.firm_anonymous_profile(firm),
        "can_see_identity": can_see_identity,
    }
    if can_see_identity:
        context.update(_full_context(request, firm))
    return render(request, "firms/sheet.html", context)


# The intermediary's portfolio ---------------------------------------------------------------------


@role_required(kinds=INTERMEDIARY)
def portfolio(request: HttpRequest) -> HttpResponse:
    """List the firms the acting intermediary represents, with completeness and consent date."""
    intermediary = selectors.intermediary_for_membership(_membership(request))
    entries = selectors.firms_in_portfolio(intermediary=intermediary)
    return render(request, "firms/portfolio.html", {"intermediary": intermediary, "entries": entries})


@role_required(kinds=INTERMEDIARY)
def register(request: HttpRequest) -> HttpResponse:
    """Register a firm for the acting intermediary, with the firm's consent; warn of duplicates."""
    intermediary = selectors.intermediary_for_membership(_membership(request))
    form = FirmRegisterForm(
        request.POST or None, initial={"country": intermediary.country_id, "is_contact_channel": True}
    )
    duplicates: list[Firm] = []
    hidden_duplicates = 0
    if request.method == "POST" and form.is_valid():
        duplicates, hidden_duplicates = selectors.firm_duplicates_for_user(
            user=request.user,
            legal_name=form.cleaned_data["legal_name"],
            country_id=form.cleaned_data["country"].pk,
        )
        if (duplicates or hidden_duplicates) and not form.cleaned_data["confirm_not_duplicate"]:
            form.add_error(
                "legal_name",
                _(
                    "A firm with this name is already registered in this country. "
                    "Check the similar firms below."
                ),
            )
        else:
            data = form.profile_data()
            firm = services.firm_register_by_intermediary(
                actor=_user(request),
                intermediary=intermediary,
                legal_name=data.pop("legal_name"),
                country_id=data.pop("country").pk,
                **form.consent_data(),
                **data,
            )
            messages.success(request, _("The firm has been registered and added to your portfolio."))
            return redirect(firm.get_absolute_url())
    return render(
        request,
        "firms/register.html",
        {
            "form": form,
            "intermediary": intermediary,
            "duplicates": duplicates,
            "hidden_duplicates": hidden_duplicates,
        },
    )


@role_required(kinds=INTERMEDIARY)
@require_POST
def representation_end(request: HttpRequest, reference: str) -> HttpResponse:
    """Stop acting for a firm (consent withdrawn or service ended): it leaves the portfolio."""
    intermediary = selectors.intermediary_for_membership(_membership(request))
    firm = selectors.firm_get_for_editing(
        user=request.user, membership=_membership(request), reference=reference
    )
    representation = selectors.representation_active(intermediary=intermediary, firm=firm)
    if representation is None:
        raise Http404
    services.representation_end(
        actor=_user(request), acting_for=intermediary.organisation, representation=representation
    )
    messages.success(request, _("You no longer act for this firm."))
    return redirect("firms:portfolio")


@role_required(kinds=MERGERS)
def merge(request: HttpRequest, reference: str) -> HttpResponse:
    """Merge a duplicate record into this firm: operators, or an intermediary representing both."""
    membership = _membership(request)
    target = selectors.firm_get_for_merging(user=request.user, membership=membership, reference=reference)
    candidates = selectors.firm_merge_candidates(user=request.user, membership=membership, firm=target)
    form = FirmMergeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        source_reference = form.cleaned_data["source_reference"]
        try:
            source = selectors.firm_get_for_merging(
                user=request.user, membership=membership, reference=source_reference
            )
        except Http404:
            source = None
        if source is None:
            form.add_error("reference", _("No firm that you may merge has this reference."))
        elif source.pk == target.pk:
            form.add_error("reference", _("A firm cannot be merged into itself."))
        else:
            services.firm_merge(
                actor=_user(request), acting_for=_acting_for(request), source=source, target=target
            )
            messages.success(request, _("The duplicate has been merged into this firm."))
            return redirect(target.get_absolute_url())
    return render(request, "firms/merge.html", {"firm": target, "form": form, "candidates": candidates})
