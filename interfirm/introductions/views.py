"""Pages of introductions: express interest, the list of one's cases, a case with its messages, and the
answers (accept, decline, withdraw) and messages posted from it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.accounts.selectors import is_operator
from interfirm.firms.models import Firm
from interfirm.introductions import selectors, services
from interfirm.introductions.forms import DeclineForm, ExpressInterestForm, MessageForm
from interfirm.introductions.models import EoiStatus, ExpressionOfInterest, Side
from interfirm.introductions.services import IntroductionError
from interfirm.lib.access import role_required

ACTORS = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY)
PARTIES = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY, OrganisationKind.OPERATOR)
PER_PAGE = 20


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _acting_for(request: HttpRequest) -> Any:
    membership = _membership(request)
    return membership.organisation if membership else None


# Expressing interest --------------------------------------------------------------------------------


def _express_choices(membership: Membership, owner_firm_id: int) -> tuple[Firm | None, list[Firm]]:
    """Return the acting firm (firm users) or the portfolio firms an intermediary may act for."""
    from interfirm.firms.selectors import firm_for_membership, firms_in_portfolio, intermediary_for_membership

    if membership.organisation.kind == OrganisationKind.FIRM:
        return firm_for_membership(membership), []
    intermediary = intermediary_for_membership(membership)
    portfolio = [entry.firm for entry in firms_in_portfolio(intermediary=intermediary)]
    return None, [firm for firm in portfolio if firm.pk != owner_firm_id]


@role_required(kinds=ACTORS)
def express(request: HttpRequest, reference: str) -> HttpResponse:
    """Express interest in a published opportunity: for one's own firm, or (an intermediary) for a
    firm it represents."""
    from interfirm.opportunities.selectors import opportunity_anonymous, opportunity_get_published

    membership = _membership(request)
    assert membership is not None  # role_required
    opportunity = opportunity_get_published(reference=reference)
    firm, portfolio = _express_choices(membership, opportunity.firm_id)
    context: dict[str, Any] = {"opportunity": opportunity_anonymous(opportunity), "cap": _cap()}
    if firm is not None and firm.pk == opportunity.firm_id:
        context["refusal"] = _("This is your own opportunity: other firms express interest in it.")
        return render(request, "introductions/express.html", context, status=409)
    if firm is None and not portfolio:
        context["refusal"] = _(
            "Your organisation represents no firm that could express interest in this opportunity."
        )
        return render(request, "introductions/express.html", context, status=409)
    form = ExpressInterestForm(request.POST or None, firm=firm, portfolio=portfolio)
    status = 200
    if request.method == "POST" and not form.is_valid():
        status = 422
    elif request.method == "POST":
        try:
            eoi = services.eoi_submit(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=membership.organisation,
                firm=form.chosen_firm(),
                opportunity=opportunity,
                message=form.cleaned_data["message"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except IntroductionError as error:
            form.add_error(None, error.message)
            status = error.status
        else:
            messages.success(
                request, _("Your expression of interest has been sent. The owner has been told.")
            )
            return redirect("introductions:detail", pk=eoi.pk)
    context["form"] = form
    return render(request, "introductions/express.html", context, status=status)


def _cap() -> int:
    from django.conf import settings

    return int(settings.EOI_MAX_OPEN_PER_FIRM)


# Lists ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One case in a list, from the viewer's side."""

    eoi: ExpressionOfInterest
    own_firm: Firm
    counterpart: selectors.Counterpart


@role_required(kinds=PARTIES)
def index(request: HttpRequest) -> HttpResponse:
    """List the acting organisation's cases: those it sent and those it received (for an intermediary,
    those of the firms it represents)."""
    membership = _membership(request)
    tab = "sent" if request.GET.get("tab") == "sent" else "received"
    operator = is_operator(request.user)  # type: ignore[arg-type]
    if operator and membership is not None and membership.organisation.kind == OrganisationKind.OPERATOR:
        queryset = ExpressionOfInterest.objects.select_related(
            "firm", "firm__country", "opportunity", "opportunity__firm", "opportunity__firm__country"
        ).prefetch_related("firm__sectors", "opportunity__firm__sectors")
        tab = "all"
    elif tab == "sent":
        queryset = selectors.eois_sent(membership=membership)
    else:
        queryset = selectors.eois_received(membership=membership)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for eoi in page.object_list:
        viewer_side = Side.INTERESTED if tab == "sent" else Side.OWNER
        own_firm = eoi.firm if viewer_side == Side.INTERESTED else eoi.opportunity.firm
        if tab == "all":
            counterpart = selectors.eoi_party_view(eoi, Side.INTERESTED, revealed=True)
        else:
            counterpart = selectors.eoi_counterpart_view(eoi, viewer_side)
        rows.append(Row(eoi=eoi, own_firm=own_firm, counterpart=counterpart))
    return render(
        request,
        "introductions/list.html",
        {
            "tab": tab,
            "page": page,
            "rows": rows,
            "is_intermediary": bool(
                membership and membership.organisation.kind == OrganisationKind.INTERMEDIARY
            ),
            "counts": {
                "sent": selectors.eois_sent(membership=membership).count(),
                "received": selectors.eois_received(membership=membership).count(),
            },
        },
    )


# One case -------------------------------------------------------------------------------------------


def _get(request: HttpRequest, pk: int) -> ExpressionOfInterest:
    return selectors.eoi_get_for_user(user=request.user, membership=_membership(request), pk=pk)


def _own_firms(eoi: ExpressionOfInterest, sides: frozenset[str]) -> dict[str, Firm]:
    return {side: (eoi.opportunity.firm if side == Side.OWNER else eoi.firm) for side in sorted(sides)}


def _detail(
    request: HttpRequest,
    eoi: ExpressionOfInterest,
    *,
    decline_form: DeclineForm | None = None,
    message_form: MessageForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    from interfirm.opportunities.selectors import opportunity_anonymous

    membership = _membership(request)
    sides = selectors.eoi_sides_of_organisation(eoi, membership.organisation_id if membership else None)
    operator = not sides and is_operator(request.user)  # type: ignore[arg-type]
    accepted = eoi.status == EoiStatus.ACCEPTED
    open_ = eoi.status == EoiStatus.OPEN
    parties = [
        selectors.eoi_party_view(eoi, side, revealed=operator or side in sides or accepted)
        for side in (Side.OWNER, Side.INTERESTED)
    ]
    own_firms = _own_firms(eoi, sides)
    may_write = bool(sides) and (open_ or accepted)
    thread = []
    for message in eoi.messages.select_related("author"):
        # A user's name identifies the firm as much as the firm's: shown only to its own side, after
        # acceptance, or to operators.
        show_author = operator or accepted or message.side in sides
        thread.append(
            {
                "message": message,
                "yours": message.side in sides,
                "author": message.author if show_author else None,
            }
        )
    context = {
        "eoi": eoi,
        "opportunity": opportunity_anonymous(eoi.opportunity),
        "sides": sides,
        "operator": operator,
        "parties": parties,
        "thread": thread,
        "may_answer": Side.OWNER in sides and open_,
        "may_withdraw": Side.INTERESTED in sides and open_,
        "may_write": may_write,
        "decline_form": decline_form
        or (DeclineForm(own_firm=eoi.opportunity.firm) if Side.OWNER in sides and open_ else None),
        "message_form": message_form
        or (MessageForm(own_firms=own_firms, anonymous=not accepted) if may_write else None),
        "error": error,
    }
    return render(request, "introductions/detail.html", context, status=status)


@role_required(kinds=PARTIES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a case: the opportunity, what the interested firm brings, both sides (anonymous until
    acceptance), the messages, and the answers the viewer may give."""
    return _detail(request, _get(request, pk))


def _answer(
    request: HttpRequest, eoi: ExpressionOfInterest, change: Any, done: str, **kwargs: Any
) -> HttpResponse:
    try:
        change(actor=request.user, acting_for=_acting_for(request), eoi=eoi, **kwargs)
    except IntroductionError as error:
        eoi.refresh_from_db()
        return _detail(request, eoi, error=error.message, status=error.status)
    messages.success(request, done)
    return redirect("introductions:detail", pk=eoi.pk)


@role_required(kinds=ACTORS)
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept an expression (owner side): the two sides see each other's identity from now on."""
    eoi = _get(request, pk)
    return _answer(
        request, eoi, services.eoi_accept, _("Accepted. You can now see each other's identity and contacts.")
    )


@role_required(kinds=ACTORS)
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Decline an expression (owner side) with a reason and an optional note."""
    eoi = _get(request, pk)
    form = DeclineForm(request.POST, own_firm=eoi.opportunity.firm)
    if not form.is_valid():
        return _detail(
            request, eoi, decline_form=form, error=_("Please correct the answer below."), status=422
        )
    return _answer(
        request,
        eoi,
        services.eoi_decline,
        _("Declined. The interested firm has been told, without your identity."),
        reason=form.cleaned_data["reason"],
        note=form.cleaned_data["note"],
    )


@role_required(kinds=ACTORS)
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Withdraw an expression (interested side)."""
    eoi = _get(request, pk)
    return _answer(request, eoi, services.eoi_withdraw, _("Your expression of interest has been withdrawn."))


@role_required(kinds=ACTORS)
@require_POST
def message(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a message to the other side of the case."""
    eoi = _get(request, pk)
    membership = _membership(request)
    sides = selectors.eoi_sides_of_organisation(eoi, membership.organisation_id if membership else None)
    form = MessageForm(
        request.POST, own_firms=_own_firms(eoi, sides), anonymous=eoi.status != EoiStatus.ACCEPTED
    )
    if not form.is_valid():
        return _detail(
            request, eoi, message_form=form, error=_("Please correct the message below."), status=422
        )
    try:
        services.eoi_message_send(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            eoi=eoi,
            body=form.cleaned_data["body"],
            side=form.chosen_side(),
        )
    except IntroductionError as error:
        eoi.refresh_from_db()
        return _detail(request, eoi, message_form=form, error=error.message, status=error.status)
    messages.success(request, _("Your message has been sent."))
    return redirect("introductions:detail", pk=eoi.pk)
