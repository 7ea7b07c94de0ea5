"""Pages of best-practice cases: the public list with its filters, a case, a case recorded by an
operator, and — for a completed partnership — the parties' consent, the draft and its publication."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interfirm.accounts.models import Membership
from interfirm.cases import selectors, services
from interfirm.cases.forms import CaseEditForm, CaseFilterForm, CaseRecordForm, ConsentForm
from interfirm.cases.models import Case, CaseStatus
from interfirm.cases.services import CaseError
from interfirm.lib.access import authenticated, public, role_required

PER_PAGE = 20


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _acting_for(request: HttpRequest) -> Any:
    membership = _membership(request)
    return membership.organisation if membership else None


@public
def index(request: HttpRequest) -> HttpResponse:
    """List the published cases, with search and filters."""
    form = CaseFilterForm(request.GET or None)
    filters = form.filters()
    page = Paginator(selectors.cases_published(filters), PER_PAGE).get_page(request.GET.get("page"))
    rows = [
        {
            "case": case,
            "parties": selectors.case_parties(case),
            "arrangements": selectors.arrangement_labels(case.arrangement_types),
            "corridors": selectors.corridor_labels(case.corridors),
        }
        for case in page.object_list
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "page": page,
            "rows": rows,
            "query": query.urlencode(),
            "may_record": selectors.case_user_may_record(request.user),
        },
    )


@role_required(operator=True)
def record(request: HttpRequest) -> HttpResponse:
    """Record by hand a case the programme knows from its own files or from a report (operators)."""
    form = CaseRecordForm(request.POST if request.method == "POST" else None)
    status = 200
    refusal = ""
    if request.method == "POST":
        if form.is_valid():
            try:
                case = services.case_record(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=_acting_for(request),
                    **form.case_data(),
                )
            except CaseError as error:
                refusal, status = error.message, error.status
            else:
                messages.success(
                    request, _("The case has been recorded as a draft: review it, then publish it.")
                )
                return redirect(case.get_absolute_url())
        else:
            status = 422
    return render(
        request,
        "cases/record.html",
        {"form": form, "refusal": refusal, "invalid": status == 422},
        status=status,
    )


def _case_context(request: HttpRequest, case: Case) -> dict[str, Any]:
    may_publish = selectors.case_user_may_publish(
        user=request.user, membership=_membership(request), case=case
    )
    return {
        "case": case,
        "parties": selectors.case_parties(case),
        "arrangements": selectors.arrangement_labels(case.arrangement_types),
        "corridors": selectors.corridor_labels(case.corridors),
        "may_publish": may_publish and case.status == CaseStatus.DRAFT,
        "flags": [
            {**flag, "label": services.flag_field_label(flag["field"])}
            for flag in (services.identity_flags_of_case(case) if may_publish else [])
        ],
    }


@public
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    """Show a case: a published one to anyone, a draft to those who may publish it and its parties."""
    case = selectors.case_get_for_user(
        user=request.user, membership=_membership(request), reference=reference
    )
    return render(request, "cases/detail.html", _case_context(request, case))


def _case_to_publish(request: HttpRequest, reference: str) -> Case:
    case = selectors.case_get_for_user(
        user=request.user, membership=_membership(request), reference=reference
    )
    if not selectors.case_user_may_publish(user=request.user, membership=_membership(request), case=case):
        raise Http404
    return case


@authenticated
def edit(request: HttpRequest, reference: str) -> HttpResponse:
    """Complete the texts of a draft case (operators; the partnership's intermediaries)."""
    case = _case_to_publish(request, reference)
    if case.status != CaseStatus.DRAFT:
        messages.error(request, _("A published case cannot be edited here."))
        return redirect(case.get_absolute_url())
    form = CaseEditForm(request.POST or None, case=case)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.case_update(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=_acting_for(request),
                    case=case,
                    **form.update_data(),
                )
            except CaseError as error:  # the form checks what the service does; a race is what is left
                form.add_error(None, error.message)
                context = {"case": case, "form": form, "invalid": True}
                return render(request, "cases/edit.html", context, status=error.status)
            messages.success(request, _("The draft case has been saved."))
            return redirect(case.get_absolute_url())
        status = 422
    return render(
        request, "cases/edit.html", {"case": case, "form": form, "invalid": status == 422}, status=status
    )


@authenticated
@require_POST
def publish(request: HttpRequest, reference: str) -> HttpResponse:
    """Publish a draft case."""
    case = _case_to_publish(request, reference)
    try:
        services.case_publish(actor=request.user, acting_for=_acting_for(request), case=case)  # type: ignore[arg-type]
    except CaseError as error:
        context = _case_context(request, case)
        context["refusal"] = error.message
        return render(request, "cases/detail.html", context, status=error.status)
    messages.success(request, _("The case is published."))
    return redirect(case.get_absolute_url())


# From a partnership ----------------------------------------------------------------------------------


@authenticated
def partnership(request: HttpRequest, reference: str) -> HttpResponse:
    """Show where a partnership stands on its way to becoming a case: each party's consent, the draft."""
    state = selectors.partnership_case_state(
        user=request.user, membership=_membership(request), reference=reference
    )
    return render(request, "cases/partnership.html", {"state": state})


def _render_refusal(request: HttpRequest, reference: str, message: str, status: int) -> HttpResponse:
    state = selectors.partnership_case_state(
        user=request.user, membership=_membership(request), reference=reference
    )
    return render(request, "cases/partnership.html", {"state": state, "refusal": message}, status=status)


@authenticated
@require_POST
def consent(request: HttpRequest, reference: str) -> HttpResponse:
    """A party consents that its completed partnership becomes a case."""
    state = selectors.partnership_case_state(
        user=request.user, membership=_membership(request), reference=reference
    )
    form = ConsentForm(request.POST)
    if not form.is_valid() or form.cleaned_data["party"] not in state.own_party_ids:
        return _render_refusal(request, reference, _("Choose a party your organisation acts for."), 422)
    party = state.partnership.parties.get(pk=form.cleaned_data["party"])
    try:
        services.case_consent_give(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            partnership=state.partnership,
            party=party,
            named=form.cleaned_data["named"],
        )
    except CaseError as error:
        return _render_refusal(request, reference, error.message, error.status)
    messages.success(request, _("Your consent has been recorded."))
    return redirect("cases:partnership", reference=reference)


@authenticated
@require_POST
def draft(request: HttpRequest, reference: str) -> HttpResponse:
    """Draft the case of a completed partnership whose parties all consented."""
    state = selectors.partnership_case_state(
        user=request.user, membership=_membership(request), reference=reference
    )
    if not state.may_publish:
        raise Http404
    try:
        case = services.case_draft_from_partnership(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            partnership=state.partnership,
        )
    except CaseError as error:
        return _render_refusal(request, reference, error.message, error.status)
    messages.success(request, _("The case has been drafted: complete its texts, then publish it."))
    return redirect("cases:edit", reference=case.reference)
