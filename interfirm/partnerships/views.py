"""Pages of partnerships: one's list, a partnership (timeline, parties, charts), its stage, milestones,
check-ins, outcomes, warnings and support; opening one from an accepted introduction and recording one
made elsewhere.

Everything is visible to the parties' members, the partnership's intermediaries and operators; anyone
else gets 404 (``selectors.partnership_get_for_user``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from interfirm.accounts.models import Membership, OrganisationKind
from interfirm.lib.access import role_required
from interfirm.opportunities.selectors import keyword_list, opportunity_viewable
from interfirm.partnerships import charts, selectors, services
from interfirm.partnerships.forms import (
    CheckInForm,
    DoneForm,
    MilestoneForm,
    ObjectiveForm,
    OutcomeForm,
    RecordForm,
    ResolveForm,
    StageChangeForm,
    SupportForm,
)
from interfirm.partnerships.models import (
    CheckIn,
    EarlyWarning,
    FollowUpTask,
    Milestone,
    Objective,
    Partnership,
    PartnershipStage,
)
from interfirm.partnerships.services import PartnershipError, PartyInput, party_role

PARTIES = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY, OrganisationKind.OPERATOR)
ACTORS = (OrganisationKind.FIRM, OrganisationKind.INTERMEDIARY)
PER_PAGE = 20
TRUST_KINDS = (
    ("contractual", "trust_contractual", gettext_lazy("contractual trust")),
    ("goodwill", "trust_goodwill", gettext_lazy("goodwill trust")),
    ("competence", "trust_competence", gettext_lazy("competence trust")),
)


def _membership(request: HttpRequest) -> Membership | None:
    membership = getattr(request, "membership", None)
    return membership if membership else None


def _acting_for(request: HttpRequest) -> Any:
    membership = _membership(request)
    return membership.organisation if membership else None


def _get(request: HttpRequest, reference: str) -> tuple[Partnership, selectors.Viewer]:
    partnership = selectors.partnership_get_for_user(
        user=request.user, membership=_membership(request), reference=reference
    )
    viewer = selectors.partnership_viewer(
        user=request.user, membership=_membership(request), partnership=partnership
    )
    return partnership, viewer


def _context(
    request: HttpRequest, partnership: Partnership, viewer: selectors.Viewer, **extra: Any
) -> dict[str, Any]:
    parties = selectors.party_views(user=request.user, viewer=viewer, partnership=partnership)
    return {
        "partnership": partnership,
        "viewer": viewer,
        "parties": parties,
        "labels": {view.party.pk: view.label for view in parties},
        "may_change": viewer.may_act and not partnership.is_ended,
        **extra,
    }


# Lists and the record -------------------------------------------------------------------------------


@role_required(kinds=PARTIES)
def index(request: HttpRequest) -> HttpResponse:
    """List the partnerships the acting organisation takes part in or follows."""
    membership = _membership(request)
    queryset = selectors.partnerships_for_membership(user=request.user, membership=membership)
    stage = request.GET.get("stage", "")
    if stage in PartnershipStage.values:
        queryset = queryset.filter(stage=stage)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnerships/list.html",
        {
            "page": page,
            "stage": stage,
            "stages": PartnershipStage.choices,
            "may_record": bool(membership and membership.organisation.kind == OrganisationKind.INTERMEDIARY),
        },
    )


def _trust_chart(check_ins: list[CheckIn], labels: dict[int, str]) -> charts.Chart | None:
    series = []
    party_ids = sorted({c.party_id for c in check_ins})
    for index, party_id in enumerate(party_ids):
        colour = charts.COLOURS[index % len(charts.COLOURS)]
        for kind, field, name in TRUST_KINDS:
            samples = [
                charts.Sample(c.period_end, getattr(c, field))
                for c in check_ins
                if c.party_id == party_id and getattr(c, field) is not None
            ]
            label = f"{labels.get(party_id, '')} · {name}"
            series.append((label, colour, charts.DASHES[kind], samples))
    return charts.chart(series, low=1, high=5, step=1)


def _progress_chart(check_ins: list[CheckIn], labels: dict[int, str]) -> charts.Chart | None:
    party_ids = sorted({c.party_id for c in check_ins})
    series = [
        (
            labels.get(party_id, ""),
            charts.COLOURS[index % len(charts.COLOURS)],
            "",
            [
                charts.Sample(c.period_end, c.progress)
                for c in check_ins
                if c.party_id == party_id and c.progress is not None
            ],
        )
        for index, party_id in enumerate(party_ids)
    ]
    return charts.chart(series, low=0, high=100, step=25)


def _instruments(partnership: Partnership) -> list[Any] | None:
    """Return the open support instruments the partnership may qualify for (no rule known to fail),
    from ``instruments.selectors.eligibility_for_partnership``; None when that app does not offer it."""
    import importlib

    try:
        instrument_selectors = importlib.import_module("interfirm.instruments.selectors")
    except ImportError:
        return None
    function = getattr(instrument_selectors, "eligibility_for_partnership", None)
    if function is None:
        return None
    firms = [party.firm for party in partnership.parties.select_related("firm", "firm__country")]
    return [item for item in function(firms, list(partnership.arrangement_types)) if item.may_qualify]


@role_required(kinds=PARTIES)
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    """Show a partnership: its stage timeline, parties, intermediaries, milestones, the trust and
    progress charts, open warnings, outcomes and the support it may qualify for."""
    partnership, viewer = _get(request, reference)
    context = _context(request, partnership, viewer)
    labels = context["labels"]
    answered = list(
        partnership.check_ins.filter(submitted_at__isnull=False).order_by("period_end", "party_id")
    )
    context.update(
        {
            "changes": partnership.stage_changes.select_related("changed_by"),
            "links": [
                (link, labels.get(link.supports_id) if link.supports_id else "")
                for link in partnership.intermediaries.select_related("intermediary")
            ],
            "milestones": partnership.milestones.prefetch_related("confirmations"),
            "answered": [(c, labels.get(c.party_id, "")) for c in answered],
            "trust_chart": _trust_chart(answered, labels),
            "progress_chart": _progress_chart(answered, labels),
            "open_warnings": _described(partnership, partnership.warnings.filter(resolved_on__isnull=True)),
            "outcomes": partnership.outcomes.all(),
            "tasks": partnership.tasks.filter(done_at__isnull=True).select_related("intermediary")
            if viewer.is_intermediary or viewer.operator
            else [],
            "due_check_ins": partnership.check_ins.filter(
                submitted_at__isnull=True, party_id__in=viewer.party_ids
            ),
            "survival": {12: selectors.survival(partnership, 12), 24: selectors.survival(partnership, 24)},
            "instruments": _instruments(partnership),
            "keywords": keyword_list(partnership.keywords),
            # Its page is linked only for whom it opens (published, or the owner side): no link to a 404.
            "opportunity_linked": partnership.opportunity is not None
            and opportunity_viewable(
                user=request.user, membership=_membership(request), opportunity=partnership.opportunity
            ),
        }
    )
    return render(request, "partnerships/detail.html", context)


@role_required(kinds=ACTORS)
@require_POST
def open_from_eoi(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the partnership of an accepted expression of interest (either side or its intermediary)."""
    from interfirm.introductions.selectors import eoi_get_for_user

    eoi = eoi_get_for_user(user=request.user, membership=_membership(request), pk=pk)
    try:
        partnership = services.partnership_open_from_eoi(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            eoi=eoi,
        )
    except PartnershipError as error:
        if error.status == 404:
            raise Http404 from None
        existing = Partnership.objects.filter(expression=eoi).first()
        messages.error(request, error.message)
        if existing is not None:
            return redirect(existing)
        return redirect("introductions:detail", pk=eoi.pk)
    messages.success(request, _("The partnership record is open. Agree objectives and milestones next."))
    return redirect(partnership)


@role_required(kinds=(OrganisationKind.INTERMEDIARY,))
def record(request: HttpRequest) -> HttpResponse:
    """Record a partnership made outside the exchange (an intermediary, with the parties' consent)."""
    from interfirm.firms.selectors import firms_in_portfolio, intermediary_for_membership

    intermediary = intermediary_for_membership(_membership(request))
    portfolio = [entry.firm for entry in firms_in_portfolio(intermediary=intermediary)]
    form = RecordForm(request.POST or None, portfolio=portfolio)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            partnership = services.partnership_record(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                intermediary=intermediary,
                title=data["title"],
                parties=[
                    PartyInput(
                        firm=firm, consent_note=data["consent"], role=party_role(firm, data["lead_firm"])
                    )
                    for firm in data["all_firms"]
                ],
                arrangement_types=data["arrangement_types"],
                stage=data["stage"],
                started_on=data["started_on"],
                agreement_signed_on=data["agreement_signed_on"],
                keywords=data["keywords"],
            )
            messages.success(request, _("The partnership is recorded."))
            return redirect(partnership)
        status = 422
    return render(request, "partnerships/record.html", {"form": form}, status=status)


# The stage ------------------------------------------------------------------------------------------


@role_required(kinds=PARTIES)
def stage(request: HttpRequest, reference: str) -> HttpResponse:
    """Change the stage of a partnership; a move the stage machine does not allow is refused with
    the stages that are possible."""
    partnership, viewer = _get(request, reference)
    next_stages = services.allowed_next_stages(partnership.stage)
    form = StageChangeForm(request.POST or None, next_stages=next_stages)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.partnership_stage_change(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=_acting_for(request),
                    partnership=partnership,
                    to_stage=data["stage"],
                    changed_on=data["changed_on"],
                    reason=data["reason"],
                    failure_reason=data["failure_reason"],
                    agreement_types=data["agreement_types"],
                )
            except PartnershipError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
                status = error.status
            else:
                messages.success(request, _("The stage has been changed."))
                return redirect(partnership)
    context = _context(request, partnership, viewer, form=form, next_stages=next_stages)
    return render(request, "partnerships/stage.html", context, status=status)


# Objectives and milestones --------------------------------------------------------------------------


@role_required(kinds=PARTIES)
def milestones(request: HttpRequest, reference: str) -> HttpResponse:
    """Objectives and milestones: list them with who confirmed, add one (a milestone needs a date)."""
    partnership, viewer = _get(request, reference)
    context = _context(request, partnership, viewer)
    parties = context["parties"]
    objectives = partnership.objectives.all()
    objective_form = ObjectiveForm(parties=parties, prefix="objective")
    milestone_form = MilestoneForm(parties=parties, objectives=objectives, prefix="milestone")
    status = 200
    if request.method == "POST":
        if not context["may_change"]:
            raise Http404
        kind = request.POST.get("kind")
        if kind == "objective":
            objective_form = ObjectiveForm(request.POST, parties=parties, prefix="objective")
            if objective_form.is_valid():
                data = objective_form.cleaned_data
                services.objective_add(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=_acting_for(request),
                    partnership=partnership,
                    title=data["title"],
                    target=data["target"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                )
                messages.success(request, _("The objective has been added."))
                return redirect("partnerships:milestones", reference=reference)
        elif kind != "milestone":  # the page posts one or the other
            messages.error(request, _("Choose what to add: an objective or a milestone."))
        else:
            milestone_form = MilestoneForm(
                request.POST, parties=parties, objectives=objectives, prefix="milestone"
            )
            if milestone_form.is_valid():
                data = milestone_form.cleaned_data
                services.milestone_add(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=_acting_for(request),
                    partnership=partnership,
                    title=data["title"],
                    target=data["target"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    objective=data["objective"],
                )
                messages.success(request, _("The milestone has been added."))
                return redirect("partnerships:milestones", reference=reference)
        status = 422
    yours = [view.party for view in parties if view.yours]
    context.update(
        {
            "objectives": objectives.prefetch_related("confirmations"),
            "milestone_rows": partnership.milestones.select_related("objective").prefetch_related(
                "confirmations"
            ),
            "objective_form": objective_form,
            "milestone_form": milestone_form,
            "your_parties": yours,
            "done_form": DoneForm(initial={"done_on": timezone.localdate()}),
            "today": timezone.localdate(),
        }
    )
    return render(request, "partnerships/milestones.html", context, status=status)


def _your_party(request: HttpRequest, viewer: selectors.Viewer, partnership: Partnership) -> Any:
    wanted = request.POST.get("party")
    candidates = list(partnership.parties.filter(pk__in=viewer.party_ids))
    if wanted:
        candidates = [p for p in candidates if str(p.pk) == wanted]
    if not candidates:
        raise Http404
    return candidates[0]


@role_required(kinds=ACTORS)
@require_POST
def confirm(request: HttpRequest, reference: str, what: str, pk: int) -> HttpResponse:
    """A party confirms an objective or a milestone."""
    partnership, viewer = _get(request, reference)
    party = _your_party(request, viewer, partnership)
    common: dict[str, Any] = {"actor": request.user, "acting_for": _acting_for(request), "party": party}
    if what not in ("milestone", "objective"):
        raise Http404
    if what == "milestone":
        services.milestone_confirm(
            milestone=get_object_or_404(Milestone, pk=pk, partnership=partnership), **common
        )
    else:
        services.objective_confirm(
            objective=get_object_or_404(Objective, pk=pk, partnership=partnership), **common
        )
    messages.success(request, _("Your confirmation is recorded."))
    return redirect("partnerships:milestones", reference=reference)


@role_required(kinds=PARTIES)
@require_POST
def milestone_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """Mark a milestone as reached."""
    partnership, _viewer = _get(request, reference)
    milestone = get_object_or_404(Milestone, pk=pk, partnership=partnership)
    form = DoneForm(request.POST)
    if partnership.is_ended:
        messages.error(request, _("The partnership has ended: its milestones stay as they were."))
    elif not form.is_valid():
        messages.error(request, _("Give the date the milestone was reached (not in the future)."))
    else:
        services.milestone_done(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=_acting_for(request),
            milestone=milestone,
            done_on=form.cleaned_data["done_on"],
        )
        messages.success(request, _("The milestone is marked as reached."))
    return redirect("partnerships:milestones", reference=reference)


# Check-ins ------------------------------------------------------------------------------------------


@role_required(kinds=ACTORS)
def checkin(request: HttpRequest, reference: str) -> HttpResponse:
    """A party's check-in: progress, satisfaction, its view of the other, the three kinds of trust,
    what was learnt and the problems. Only a party (or its intermediary) reaches the form."""
    partnership, viewer = _get(request, reference)
    if not viewer.is_party:
        raise Http404
    context = _context(request, partnership, viewer)
    yours = [view for view in context["parties"] if view.yours]
    form = CheckInForm(request.POST or None, parties=yours)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            party = form.cleaned_data.get("party") or yours[0].party
            try:
                services.checkin_submit(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=_acting_for(request),
                    party=party,
                    answer=form.answer(),
                )
            except PartnershipError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _("Thank you: your check-in is recorded."))
                return redirect(partnership)
    context.update(
        {
            "form": form,
            "due": partnership.check_ins.filter(submitted_at__isnull=True, party_id__in=viewer.party_ids),
            "running": partnership.stage in services.RUNNING_STAGES,
        }
    )
    return render(request, "partnerships/checkin.html", context, status=status)


# Outcomes -------------------------------------------------------------------------------------------


@role_required(kinds=PARTIES)
def outcomes(request: HttpRequest, reference: str) -> HttpResponse:
    """Outcomes reported over time, and the form to report the latest."""
    partnership, viewer = _get(request, reference)
    form = OutcomeForm(request.POST or None, initial={"reported_on": timezone.localdate()})
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            services.outcome_report(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                partnership=partnership,
                **form.cleaned_data,
            )
            messages.success(request, _("The outcomes are recorded."))
            return redirect("partnerships:outcomes", reference=reference)
    context = _context(
        request,
        partnership,
        viewer,
        form=form,
        outcomes=partnership.outcomes.all(),
        survival={12: selectors.survival(partnership, 12), 24: selectors.survival(partnership, 24)},
    )
    return render(request, "partnerships/outcomes.html", context, status=status)


# Warnings and support -------------------------------------------------------------------------------


def _intermediary(viewer: selectors.Viewer) -> Any:
    from interfirm.intermediaries.models import Intermediary

    if viewer.intermediary_id is None:
        raise Http404
    return Intermediary.objects.get(pk=viewer.intermediary_id)


def _described(
    partnership: Partnership, warnings: Any, labels: dict[int, str] | None = None
) -> list[EarlyWarning]:
    """Return ``warnings`` each with ``text``: its detail in the reader's language."""
    rows = list(warnings)
    if rows:
        labels = services.party_labels(partnership) if labels is None else labels
        for warning in rows:
            warning.text = services.warning_text(warning, labels)
    return rows


@role_required(kinds=PARTIES)
def warnings(request: HttpRequest, reference: str) -> HttpResponse:
    """Early warnings (open and resolved), and the support log with its form for intermediaries."""
    partnership, viewer = _get(request, reference)
    open_warnings = partnership.warnings.filter(resolved_on__isnull=True)
    labels = services.party_labels(partnership)
    form = SupportForm(
        request.POST or None,
        warnings=open_warnings,
        describe=lambda warning: services.warning_text(warning, labels),
        initial={"done_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST":
        intermediary = _intermediary(viewer)
        status = 422
        if form.is_valid():
            data = form.cleaned_data
            services.support_log(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                partnership=partnership,
                intermediary=intermediary,
                kind=data["kind"],
                done_on=data["done_on"],
                note=data["note"],
                warning=data.get("warning"),
            )
            messages.success(request, _("The support is logged."))
            return redirect("partnerships:warnings", reference=reference)
    context = _context(
        request,
        partnership,
        viewer,
        form=form if viewer.is_intermediary else None,
        resolve_form=ResolveForm(),
        warning_rows=_described(partnership, partnership.warnings.all(), labels),
        activities=partnership.support_activities.select_related("intermediary", "warning"),
        tasks=partnership.tasks.select_related("intermediary"),
    )
    return render(request, "partnerships/warnings.html", context, status=status)


@role_required(kinds=(OrganisationKind.INTERMEDIARY,))
@require_POST
def warning_resolve(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """An intermediary of the partnership resolves a warning, saying how."""
    partnership, viewer = _get(request, reference)
    _intermediary(viewer)
    warning = get_object_or_404(EarlyWarning, pk=pk, partnership=partnership)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say how the warning was resolved."))
    else:
        try:
            services.warning_resolve(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                warning=warning,
                resolution=form.cleaned_data["resolution"],
                resolved_on=timezone.localdate(),
            )
        except PartnershipError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The warning is resolved."))
    return redirect("partnerships:warnings", reference=reference)


@role_required(kinds=(OrganisationKind.INTERMEDIARY,))
@require_POST
def task_done(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    """An intermediary marks one of its follow-up tasks as done."""
    partnership, viewer = _get(request, reference)
    task = get_object_or_404(
        FollowUpTask, pk=pk, partnership=partnership, intermediary_id=_intermediary(viewer).pk
    )
    services.task_done(actor=request.user, acting_for=_acting_for(request), task=task)  # type: ignore[arg-type]
    messages.success(request, _("The task is done."))
    return redirect("partnerships:warnings", reference=reference)
