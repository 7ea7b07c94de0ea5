"""Pages of partnership readiness: the overview (a firm's diagnostics; an intermediary's firms to guide
or validate), answering a draft, the result with its action plan, the printable report, validation
and the history chart. An assessment the viewer may not see answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.firms.selectors import firm_for_membership, intermediary_for_membership, user_can_see_identity
from interfirm.lib.access import authenticated, role_required
from interfirm.readiness import selectors, services
from interfirm.readiness.answers import clean_answers, cleared_answers
from interfirm.readiness.charts import history_chart
from interfirm.readiness.forms import ValidateForm, answer_rows
from interfirm.readiness.models import Assessment

ACTORS = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY)


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _acting_for(request: HttpRequest) -> Any:
    membership = _membership(request)
    return membership.organisation if membership else None


@role_required(kinds=ACTORS)
def index(request: HttpRequest) -> HttpResponse:
    """A firm's diagnostics (the latest result, a draft to resume, the history); for an intermediary,
    the firms it represents with their latest diagnosis, to guide or validate."""
    membership = _membership(request)
    assert membership is not None  # role_required
    version = selectors.published_version()
    if membership.organisation.kind == OrganisationKind.FIRM:
        firm = firm_for_membership(membership)
        assessments = selectors.assessments_of_firm(firm)
        context = {
            "firm": firm,
            "assessments": assessments,
            "draft": next((a for a in assessments if a.is_draft), None),
            "latest": next((a for a in assessments if not a.is_draft), None),
            "summary": selectors.firm_readiness_summary(firm),
            "version": version,
        }
        return render(request, "readiness/firm_index.html", context)
    intermediary = intermediary_for_membership(membership)
    context = {
        "intermediary": intermediary,
        "rows": selectors.intermediary_firms_for_diagnosis(intermediary),
        "guided": selectors.assessments_for_user(user=request.user, membership=membership)
        .filter(guided_by=intermediary)
        .order_by("-created_at")[:20],
        "version": version,
    }
    return render(request, "readiness/intermediary_index.html", context)


@role_required(kinds=ACTORS)
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    """Start a diagnostic: a firm for itself; an intermediary for a firm it represents or whose
    country it covers (``reference``), as its guide. An open draft is resumed instead."""
    membership = _membership(request)
    assert membership is not None
    version = selectors.published_version()
    if version is None:
        raise Http404
    guided_by = None
    if membership.organisation.kind == OrganisationKind.FIRM:
        firm = firm_for_membership(membership)
    else:
        guided_by = intermediary_for_membership(membership)
        reference = str(request.POST.get("reference", "")).strip().upper()
        firm = selectors.firm_for_assessment_by_intermediary(intermediary=guided_by, reference=reference)
    draft = Assessment.objects.filter(firm=firm, status="draft", guided_by=guided_by).first()
    if draft is None:
        draft = services.assessment_start(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=membership.organisation,
            firm=firm,
            version=version,
            guided_by=guided_by,
        )
    return redirect("readiness:answer", pk=draft.pk)


def _firm_label(request: HttpRequest, assessment: Assessment) -> str:
    """The firm's name for those who may see its identity; its public reference for the others."""
    firm = assessment.firm
    if user_can_see_identity(request.user, firm):
        return f"{firm.trade_name or firm.legal_name} ({firm.reference})"
    return firm.reference


@authenticated
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a draft: save it to resume later, or submit it (every item answered) for the result."""
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    membership = _membership(request)
    if not selectors.membership_may_answer(membership, assessment):
        return redirect("readiness:detail", pk=assessment.pk)
    view = selectors.assessment_view(assessment, with_plan=False)
    items = list(view.asked)
    errors: dict[str, str] = {}
    values: dict[str, Any] = dict(assessment.answers)
    status = 200
    if request.method == "POST":
        raw = {item.code: request.POST.get(f"item-{item.code}", "") for item in items}
        submitting = "submit" in request.POST
        cleaned, errors = clean_answers(items, raw, complete=False)
        # A field posted blank (an erased certificate reference) takes back the answer saved before;
        # an item the form did not post (a radio group left alone) keeps it.
        posted = {code: value for code, value in raw.items() if f"item-{code}" in request.POST}
        cleared = cleared_answers(items, posted) & set(assessment.answers)
        values.update({code: raw[code] for code in errors})
        values.update(cleaned)
        for code in cleared:
            values.pop(code, None)
        if cleaned or cleared:
            services.assessment_save_answers(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                assessment=assessment,
                answers=cleaned,
                cleared=cleared,
            )
            assessment.refresh_from_db()
        if submitting and not errors:
            _cleaned, errors = clean_answers(items, assessment.answers, complete=True)
        if not errors and submitting:
            services.assessment_submit(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                assessment=assessment,
            )
            messages.success(
                request, _("The diagnostic is complete. Here is the result and the action plan.")
            )
            return redirect("readiness:detail", pk=assessment.pk)
        if not errors:
            messages.success(request, _("Your answers are saved. You can come back and finish later."))
            return redirect("readiness:answer", pk=assessment.pk)
        status = 422
    answered = sum(1 for item in items if item.code in assessment.answers)
    context = {
        "assessment": assessment,
        "firm_label": _firm_label(request, assessment),
        "groups": answer_rows(view.content, items, values, errors),
        "errors": errors,
        "answered": answered,
        "total": len(items),
    }
    return render(request, "readiness/answer.html", context, status=status)


def _detail_context(request: HttpRequest, assessment: Assessment) -> dict[str, Any]:
    view = selectors.assessment_view(assessment)
    membership = _membership(request)
    return {
        "assessment": assessment,
        "view": view,
        "firm_label": _firm_label(request, assessment),
        "may_answer": selectors.membership_may_answer(membership, assessment),
        "validator": selectors.intermediary_may_validate(membership, assessment),
        "may_see_history": _may_see_history(request, assessment),
        "validate_form": ValidateForm(),
        "eligibility": _eligibility(assessment),
    }


def _may_see_history(request: HttpRequest, assessment: Assessment) -> bool:
    try:
        selectors.firm_history_for_user(
            user=request.user, membership=_membership(request), reference=assessment.firm.reference
        )
    except Http404:
        return False
    return True


def _eligibility(assessment: Assessment) -> list[Any]:
    if assessment.is_draft:
        return []
    from interfirm.instruments.selectors import eligibility_for_firm

    return [e for e in eligibility_for_firm(assessment.firm) if e.may_qualify][:5]


@authenticated
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The result of an assessment: level, scores, gaps with their action plan; a draft's progress."""
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    return render(request, "readiness/detail.html", _detail_context(request, assessment))


@authenticated
def report(request: HttpRequest, pk: int) -> HttpResponse:
    """The printable diagnosis report (para 36): result, gaps, action plan, who validated it."""
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    if assessment.is_draft:
        raise Http404
    return render(request, "readiness/report.html", _detail_context(request, assessment))


@role_required(kinds=(OrganisationKind.INTERMEDIARY,))
@require_POST
def validate(request: HttpRequest, pk: int) -> HttpResponse:
    """Validate a submitted assessment after a visit: an intermediary representing the firm, or the
    one that guided the diagnosis."""
    assessment = selectors.assessment_get_for_user(user=request.user, pk=pk)
    intermediary = selectors.intermediary_may_validate(_membership(request), assessment)
    if intermediary is None:
        raise Http404
    form = ValidateForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, assessment)
        context["validate_form"] = form
        return render(request, "readiness/detail.html", context, status=422)
    services.assessment_validate(
        actor=request.user,  # type: ignore[arg-type]
        acting_for=_acting_for(request),
        assessment=assessment,
        intermediary=intermediary,
        note=form.cleaned_data["note"],
    )
    messages.success(request, _("The diagnosis is recorded as validated by your organisation."))
    return redirect("readiness:detail", pk=assessment.pk)


@authenticated
def history(request: HttpRequest, reference: str) -> HttpResponse:
    """A firm's readiness over time: a chart of each dimension's score per assessment, and the table."""
    firm = selectors.firm_history_for_user(
        user=request.user, membership=_membership(request), reference=reference
    )
    dimensions, points = selectors.firm_history(firm)
    context = {
        "firm": firm,
        "firm_label": f"{firm.trade_name or firm.legal_name} ({firm.reference})",
        "dimensions": dimensions,
        "points": points,
        "rows": [(d, [p.scores.get(d.code) for p in points]) for d in dimensions],
        "chart": history_chart(dimensions, points) if points else "",
        "assessments": selectors.assessments_of_firm(firm),
    }
    return render(request, "readiness/history.html", context)
