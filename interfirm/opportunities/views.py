"""Pages of opportunities: one's own list, the editing form, the life-cycle actions, the public detail,
the review queue and review, and the printable list.

Who may do what is decided by the selectors (``Http404`` for anyone else); whether the opportunity's
status allows it, by the services (``TransitionNotAllowed``, shown as a 409 page with the reason).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.firms.models import Firm
from interfirm.lib.access import authenticated, public, role_required
from interfirm.opportunities import services
from interfirm.opportunities.forms import (
    OpportunityForm,
    PrintListForm,
    RenewForm,
    ReviewForm,
    opportunity_form_data,
)
from interfirm.opportunities.models import Opportunity, Status
from interfirm.opportunities.selectors import (
    identity_flags_display,
    opportunities_for_membership,
    opportunities_for_print,
    opportunities_for_review,
    opportunity_anonymous,
    opportunity_get_for_owner,
    opportunity_get_for_review,
    opportunity_get_for_viewer,
    opportunity_history,
    opportunity_reviews,
    opportunity_viewer_can_see_owner,
    region_labels,
)
from interfirm.opportunities.services import TransitionNotAllowed

PRINT_LIMIT = 300
FIRM_OR_INTERMEDIARY = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY)


def _membership(request: HttpRequest) -> Membership | None:
    return getattr(request, "membership", None)


def _acting_for(request: HttpRequest) -> Any:
    membership = _membership(request)
    return membership.organisation if membership is not None else None


def _refused(request: HttpRequest, opportunity: Opportunity, message: str) -> HttpResponse:
    """Answer 409 with the reason an action is not possible in the opportunity's status."""
    return render(
        request, "opportunities/refused.html", {"opportunity": opportunity, "message": message}, status=409
    )


def _owner_firms(membership: Membership) -> tuple[Firm | None, list[Firm] | None]:
    """Return (the firm acting, None) for a firm; (None, its portfolio) for an intermediary."""
    from interfirm.firms.selectors import firm_for_membership, firms_in_portfolio, intermediary_for_membership

    if membership.organisation.kind == OrganisationKind.FIRM:
        return firm_for_membership(membership), None
    intermediary = intermediary_for_membership(membership)
    return None, [entry.firm for entry in firms_in_portfolio(intermediary=intermediary)]


# One's own opportunities ----------------------------------------------------------------------------


@role_required(kinds=FIRM_OR_INTERMEDIARY)
def mine(request: HttpRequest) -> HttpResponse:
    """List the acting firm's opportunities (an intermediary's: its portfolio firms'), by status."""
    membership = _membership(request)
    assert membership is not None  # role_required guarantees it
    opportunities = list(opportunities_for_membership(membership=membership))
    by_status = [
        {"status": status, "label": label, "opportunities": [o for o in opportunities if o.status == status]}
        for status, label in Status.choices
    ]
    return render(
        request,
        "opportunities/mine.html",
        {
            "groups": [group for group in by_status if group["opportunities"]],
            "count": len(opportunities),
            "for_portfolio": membership.organisation.kind == OrganisationKind.INTERMEDIARY,
        },
    )


@role_required(kinds=FIRM_OR_INTERMEDIARY)
def create(request: HttpRequest) -> HttpResponse:
    """Create a draft opportunity for the acting firm, or for a firm the acting intermediary represents."""
    membership = _membership(request)
    assert membership is not None
    firm, portfolio = _owner_firms(membership)
    if portfolio is not None and not portfolio:
        return render(request, "opportunities/no_portfolio.html")
    form = OpportunityForm(request.POST or None, firms=portfolio)
    if request.method == "POST" and form.is_valid():
        owner = firm or form.cleaned_data["firm"]
        opportunity = services.opportunity_create(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation,
            firm=owner,
            data=form.opportunity_data(),
        )
        messages.success(request, _("The draft was saved. Submit it for review when it is ready."))
        return redirect(opportunity.get_absolute_url())
    return render(request, "opportunities/edit.html", {"form": form, "opportunity": None})


@authenticated
def edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Edit a draft, on-hold or published opportunity (owner side only)."""
    opportunity = opportunity_get_for_owner(
        user=request.user, membership=_membership(request), reference=reference
    )
    if not services.transition_allowed(opportunity, "update"):
        return _refused(request, opportunity, services.transition_refusal(opportunity, "update"))
    if request.method == "POST":
        form = OpportunityForm(request.POST)
        if form.is_valid():
            try:
                saved = services.opportunity_update(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=_acting_for(request),
                    opportunity=opportunity,
                    data=form.opportunity_data(),
                )
            except TransitionNotAllowed as refusal:
                return _refused(request, opportunity, refusal.message)
            if opportunity.status == Status.PUBLISHED and saved.status == Status.SUBMITTED:
                messages.warning(
                    request,
                    _(
                        "The text now identifies the firm, so the opportunity went back to review "
                        "and is not public."
                    ),
                )
            else:
                messages.success(request, _("The opportunity was saved."))
            return redirect(saved.get_absolute_url())
    else:
        form = OpportunityForm(initial=opportunity_form_data(opportunity))
    return render(request, "opportunities/edit.html", {"form": form, "opportunity": opportunity})


def _owner_action(request: HttpRequest, reference: str, action: str, done: str) -> HttpResponse:
    opportunity = opportunity_get_for_owner(
        user=request.user, membership=_membership(request), reference=reference
    )
    service = {
        "submit": services.opportunity_submit,
        "resubmit": services.opportunity_resubmit,
        "withdraw": services.opportunity_withdraw,
        "close": services.opportunity_close,
    }[action]
    try:
        service(actor=request.user, acting_for=_acting_for(request), opportunity=opportunity)  # type: ignore[arg-type]
    except TransitionNotAllowed as refusal:
        return _refused(request, opportunity, refusal.message)
    messages.success(request, done)
    return redirect(opportunity.get_absolute_url())


@authenticated
@require_POST
def submit(request: HttpRequest, reference: str) -> HttpResponse:
    """Send a draft for review."""
    return _owner_action(request, reference, "submit", _("The opportunity was submitted for review."))


@authenticated
@require_POST
def resubmit(request: HttpRequest, reference: str) -> HttpResponse:
    """Send an opportunity put on hold back for review."""
    return _owner_action(request, reference, "resubmit", _("The opportunity was sent back for review."))


@authenticated
@require_POST
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    """Withdraw an opportunity."""
    return _owner_action(request, reference, "withdraw", _("The opportunity was withdrawn."))


@authenticated
@require_POST
def close(request: HttpRequest, reference: str) -> HttpResponse:
    """Close an opportunity: a partner was found."""
    return _owner_action(request, reference, "close", _("The opportunity was closed. Congratulations!"))


@authenticated
def renew(request: HttpRequest, reference: str) -> HttpResponse:
    """Give a published or expired opportunity a new deadline."""
    opportunity = opportunity_get_for_owner(
        user=request.user, membership=_membership(request), reference=reference
    )
    if not services.transition_allowed(opportunity, "renew"):
        return _refused(request, opportunity, services.transition_refusal(opportunity, "renew"))
    form = RenewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            renewed = services.opportunity_renew(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                opportunity=opportunity,
                deadline=form.cleaned_data["deadline"],
            )
        except TransitionNotAllowed as refusal:
            return _refused(request, opportunity, refusal.message)
        if renewed.status == Status.PUBLISHED:
            messages.success(request, _("The opportunity was renewed and is published."))
        else:
            messages.success(request, _("The opportunity was renewed and sent for review."))
        return redirect(renewed.get_absolute_url())
    return render(request, "opportunities/renew.html", {"form": form, "opportunity": opportunity})


# The detail page ---------------------------------------------------------------------------------


def _express_interest_url(reference: str) -> str:
    try:
        return reverse("introductions:express", kwargs={"reference": reference})
    except NoReverseMatch:
        return ""


@public
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    """Show an opportunity: everything to its owner side; the anonymous view of a published one to
    anyone else (with the owner's identity for an accepted counterpart). Otherwise 404."""
    opportunity, owner_side = opportunity_get_for_viewer(
        user=request.user, membership=_membership(request), reference=reference
    )
    context: dict[str, Any] = {
        "opportunity": opportunity,
        "view": opportunity_anonymous(opportunity),
        "owner_side": owner_side,
    }
    if owner_side:
        context.update(
            firm=opportunity.firm,
            flags=identity_flags_display(opportunity),
            reviews=list(opportunity_reviews(opportunity)),
            history=opportunity_history(opportunity),
            actions=services.allowed_actions(opportunity),
            readiness_refusal=_readiness_refusal(opportunity),
        )
    else:
        if opportunity_viewer_can_see_owner(user=request.user, opportunity=opportunity):
            context["firm"] = opportunity.firm
            context["contacts"] = list(opportunity.firm.contacts.all())
        # A visitor is sent to sign in; a signed-in user, only when acting for a firm or an
        # intermediary (an analyst, a public authority or the operator expresses no interest).
        membership = _membership(request)
        if not request.user.is_authenticated or (
            membership is not None
            and membership.organisation.kind in (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY)
        ):
            context["express_interest_url"] = _express_interest_url(opportunity.reference)
    return render(request, "opportunities/detail.html", context)


def _readiness_refusal(opportunity: Opportunity) -> str:
    """Why the opportunity cannot be published under the installation's readiness minimum ("" if it can)."""
    from interfirm.readiness.selectors import publication_refusal

    if opportunity.status not in (Status.DRAFT, Status.SUBMITTED, Status.ON_HOLD):
        return ""
    return publication_refusal(opportunity.firm)


# Review ------------------------------------------------------------------------------------------


@authenticated
def review_queue(request: HttpRequest) -> HttpResponse:
    """List the submitted opportunities the acting intermediary (or an operator) may review."""
    from interfirm.opportunities.selectors import organisation_can_review

    membership = _membership(request)
    if not organisation_can_review(user=request.user, membership=membership):
        raise Http404
    queue = opportunities_for_review(user=request.user, membership=membership)
    return render(request, "opportunities/review_queue.html", {"queue": queue})


@authenticated
def review(request: HttpRequest, reference: str) -> HttpResponse:
    """Score a submitted opportunity; the decision follows the thresholds of the settings."""
    membership = _membership(request)
    opportunity = opportunity_get_for_review(user=request.user, membership=membership, reference=reference)
    if not services.transition_allowed(opportunity, "review"):
        return _refused(request, opportunity, services.transition_refusal(opportunity, "review"))
    form = ReviewForm(request.POST or None, opportunity=opportunity)
    if request.method == "POST" and form.is_valid():
        try:
            done = services.opportunity_review(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                opportunity=opportunity,
                **form.review_data(),
            )
        except TransitionNotAllowed as refusal:
            return _refused(request, opportunity, refusal.message)
        messages.success(
            request,
            _("Review saved: %(decision)s.") % {"decision": done.get_decision_display()},
        )
        return redirect("opportunities:review_queue")
    return render(
        request,
        "opportunities/review.html",
        {
            "form": form,
            "opportunity": opportunity,
            "view": opportunity_anonymous(opportunity),
            "flags": identity_flags_display(opportunity),
            "reviews": list(opportunity_reviews(opportunity)),
            "readiness_refusal": _readiness_refusal(opportunity),
            "publish_min": settings.OPPORTUNITY_REVIEW_PUBLISH_MIN,
            "reject_below": settings.OPPORTUNITY_REVIEW_REJECT_BELOW,
        },
    )


# The printable list ------------------------------------------------------------------------------


@public
def print_list(request: HttpRequest) -> HttpResponse:
    """A printable list of published opportunities, filtered by country, sector and kind; as a PDF
    with ``?format=pdf``. For an intermediary to take to firms without internet access."""
    form = PrintListForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # invalid filters are reported on the form and ignored
    found = opportunities_for_print(form.filters())
    total = found.count()
    regions = region_labels()
    items = [opportunity_anonymous(o, regions=regions) for o in found[:PRINT_LIMIT]]
    if request.GET.get("format") == "pdf":
        from interfirm.opportunities.printing import opportunities_pdf

        base = request.build_absolute_uri("/").rstrip("/")
        pdf = opportunities_pdf(items, total=total, base_url=base)
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'inline; filename="opportunities.pdf"'
        return response
    query = request.GET.copy()
    query["format"] = "pdf"
    return render(
        request,
        "opportunities/print_list.html",
        {"form": form, "items": items, "total": total, "limit": PRINT_LIMIT, "pdf_query": query.urlencode()},
    )
