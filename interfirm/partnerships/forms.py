"""Forms of partnerships. They validate; the services assume valid input (and refuse what the stage
machine does not allow)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from interfirm.firms.models import Firm
from interfirm.lib.forms import ModelMultipleChoiceField
from interfirm.opportunities.models import ArrangementType
from interfirm.partnerships.models import (
    ENDING_STAGES,
    FailureReason,
    PartnershipParty,
    PartnershipStage,
    SupportKind,
)
from interfirm.partnerships.services import RECORDABLE_STAGES, CheckInAnswer

DATE = forms.DateInput(attrs={"type": "date"})
TEXT = 2000


def _not_future(value: datetime.date) -> datetime.date:
    if value > timezone.localdate():
        raise forms.ValidationError(_("This date is in the future."))
    return value


class StageChangeForm(forms.Form):
    stage = forms.ChoiceField(label=_("New stage"), choices=())
    changed_on = forms.DateField(label=_("Date of the change"), widget=DATE)
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the partnership ends: completed, terminated or failed."),
    )
    failure_reason = forms.ChoiceField(
        label=_("Why it failed"), required=False, choices=[("", "—"), *FailureReason.choices]
    )
    agreement_types = forms.MultipleChoiceField(
        label=_("What the signed agreement covers"),
        required=False,
        choices=ArrangementType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, next_stages: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Every stage is offered so that a refused move gets the stage machine's explanation.
        self.fields["stage"].choices = PartnershipStage.choices  # type: ignore[attr-defined]
        self.fields["stage"].help_text = _("Possible now: %(stages)s.") % {
            "stages": ", ".join(str(PartnershipStage(s).label) for s in next_stages) or "—"
        }
        self.fields["changed_on"].initial = timezone.localdate()

    def clean_changed_on(self) -> datetime.date:
        return _not_future(self.cleaned_data["changed_on"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        stage = data.get("stage")
        if stage in ENDING_STAGES and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the partnership ends."))
        if stage == PartnershipStage.FAILED and not data.get("failure_reason"):
            self.add_error("failure_reason", _("Choose why the partnership failed."))
        return data


class PartyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return self._labels.get(obj.pk, str(obj.firm.reference))  # type: ignore[attr-defined]


def _party_field(label: Any, parties: list[Any], *, required: bool = True) -> PartyChoiceField:
    field = PartyChoiceField(
        label=label,
        queryset=PartnershipParty.objects.filter(pk__in=[view.party.pk for view in parties]),
        required=required,
    )
    field._labels = {view.party.pk: view.label for view in parties}  # type: ignore[attr-defined]
    return field


class ObjectiveForm(forms.Form):
    title = forms.CharField(label=_("Objective"), max_length=200)
    target = forms.CharField(label=_("Target"), max_length=500, required=False)
    due_on = forms.DateField(label=_("Due on"), required=False, widget=DATE)

    def __init__(self, *args: Any, parties: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _party_field(_("Owner"), parties, required=False)


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    target = forms.CharField(
        label=_("Target"), max_length=500, required=False, help_text=_("What counts as reached, in numbers.")
    )
    due_on = forms.DateField(
        label=_("Due on"),
        widget=DATE,
        error_messages={"required": _("A milestone needs a due date: targets need timetables.")},
    )

    def __init__(self, *args: Any, parties: list[Any], objectives: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"] = _party_field(_("Owner"), parties)
        self.fields["objective"] = forms.ModelChoiceField(
            label=_("Objective"), queryset=objectives, required=False
        )


class DoneForm(forms.Form):
    done_on = forms.DateField(label=_("Reached on"), widget=DATE)

    def clean_done_on(self) -> datetime.date:
        return _not_future(self.cleaned_data["done_on"])


def _score(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=5,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("1 = very low, 5 = very high."),
    )


class CheckInForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Progress on the milestones (%)"), min_value=0, max_value=100, help_text=_("0 to 100.")
    )
    progress_note = forms.CharField(
        label=_("Progress on the milestones"),
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    satisfaction = _score(_("Satisfaction with the partnership"))
    view_of_other = forms.CharField(
        label=_("Your view of the other party"),
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    trust_contractual = _score(_("Contractual trust: they keep their promises and the agreement"))
    trust_goodwill = _score(_("Goodwill trust: they act in the partnership's interest, beyond the letter"))
    trust_competence = _score(_("Competence trust: they are able to do what they undertook"))
    knowledge_transferred = forms.CharField(
        label=_("Knowledge transferred"),
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    staff_exchanged = forms.IntegerField(
        label=_("Staff exchanged (people)"), min_value=0, max_value=10000, initial=0
    )
    training = forms.CharField(
        label=_("Training given or received"),
        max_length=TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    problems = forms.CharField(
        label=_("Problems"), max_length=TEXT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, parties: list[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if parties is not None and len(parties) > 1:
            self.fields["party"] = _party_field(_("Party you report for"), parties)

    def answer(self) -> CheckInAnswer:
        data = self.cleaned_data
        return CheckInAnswer(**{name: data[name] for name in CheckInAnswer.__dataclass_fields__})


class OutcomeForm(forms.Form):
    reported_on = forms.DateField(label=_("As of"), widget=DATE)
    jobs_created = forms.IntegerField(label=_("Jobs created"), min_value=0, max_value=10_000_000, initial=0)
    export_sales = forms.DecimalField(
        label=_("Export sales"), min_value=0, max_digits=14, decimal_places=2, initial=0
    )
    currency = forms.RegexField(
        label=_("Currency (ISO 4217)"), regex=r"^[A-Za-z]{3}$", initial="USD", max_length=3
    )
    new_products = forms.IntegerField(label=_("New products"), min_value=0, max_value=100_000, initial=0)
    new_processes = forms.IntegerField(label=_("New processes"), min_value=0, max_value=100_000, initial=0)
    local_suppliers = forms.IntegerField(
        label=_("Local suppliers engaged"), min_value=0, max_value=100_000, initial=0
    )
    certifications_obtained = forms.IntegerField(
        label=_("Certifications obtained"), min_value=0, max_value=1000, initial=0
    )
    note = forms.CharField(
        label=_("Note"), max_length=TEXT, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean_reported_on(self) -> datetime.date:
        return _not_future(self.cleaned_data["reported_on"])


class SupportForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of support"), choices=SupportKind.choices)
    done_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(
        label=_("What was done"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(
        self, *args: Any, warnings: Any = None, describe: Callable[[Any], str] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if warnings is not None:
            field = forms.ModelChoiceField(
                label=_("In answer to the warning"), queryset=warnings, required=False
            )
            detail = describe or (lambda warning: warning.detail)
            field.label_from_instance = lambda warning: (  # type: ignore[method-assign,assignment]
                f"{warning.get_kind_display()} ({date_format(warning.raised_on)}): {detail(warning)}"
            )
            self.fields["warning"] = field

    def clean_done_on(self) -> datetime.date:
        return _not_future(self.cleaned_data["done_on"])


class ResolveForm(forms.Form):
    resolution = forms.CharField(
        label=_("How it was resolved"), max_length=TEXT, widget=forms.Textarea(attrs={"rows": 2})
    )


class _FirmsWithReference(ModelMultipleChoiceField):
    """Firms shown with their public reference (the other fields of the form name firms by it)."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj} · {obj.reference}"


class RecordForm(forms.Form):
    """An intermediary records a partnership made elsewhere: its firms (two or more) with their consent."""

    title = forms.CharField(label=_("Title"), max_length=200)
    firms = _FirmsWithReference(
        label=_("Firms of your portfolio taking part"),
        queryset=Firm.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_references = forms.CharField(
        label=_("Other firms, by public reference"),
        required=False,
        max_length=500,
        help_text=_("Public references of other firms known to this installation, separated by spaces."),
    )
    lead = forms.CharField(
        label=_("Lead party, by public reference"),
        required=False,
        max_length=40,
        help_text=_(
            "The firm among the parties that led the partnership and chose its partners, if one did "
            "(a consortium's coordinator). Leave empty when none did or it is not known."
        ),
    )
    consent = forms.CharField(
        label=_("How the parties consented to this record"),
        max_length=500,
        help_text=_("For example: signed forms of 3 March, e-mails of both managers."),
    )
    arrangement_types = forms.MultipleChoiceField(
        label=_("Arrangement types"), choices=ArrangementType.choices, widget=forms.CheckboxSelectMultiple
    )
    keywords = forms.CharField(
        label=_("Fields it works in"),
        max_length=500,
        required=False,
        help_text=_(
            "Technologies, products or programme areas, separated by commas: partner suggestions in "
            "these fields count this partnership."
        ),
    )
    stage = forms.ChoiceField(
        label=_("Current stage"),
        choices=[(s, PartnershipStage(s).label) for s in RECORDABLE_STAGES],
    )
    started_on = forms.DateField(label=_("First contact on"), widget=DATE)
    agreement_signed_on = forms.DateField(label=_("Agreement signed on"), required=False, widget=DATE)

    def __init__(self, *args: Any, portfolio: list[Firm], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Firm.objects.filter(pk__in=[f.pk for f in portfolio]).order_by("legal_name")
        self.fields["firms"].queryset = queryset  # type: ignore[attr-defined]

    def clean_started_on(self) -> datetime.date:
        return _not_future(self.cleaned_data["started_on"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = list(data.get("firms") or [])
        references = (data.get("other_references") or "").upper().split()
        others = list(Firm.objects.filter(reference__in=references, merged_into__isnull=True))
        missing = sorted(set(references) - {f.reference for f in others})
        if missing:
            self.add_error(
                "other_references", _("No firm with the reference: %(refs)s.") % {"refs": ", ".join(missing)}
            )
        firms = {f.pk: f for f in [*chosen, *others]}
        if len(firms) < 2 and not missing:
            self.add_error("firms", _("A partnership has two or more firms."))
        data["all_firms"] = list(firms.values())
        lead = (data.get("lead") or "").strip().upper()
        data["lead_firm"] = next((f for f in firms.values() if f.reference == lead), None)
        if lead and data["lead_firm"] is None:
            self.add_error(
                "lead", _("The lead party must be one of the parties: %(ref)s is not.") % {"ref": lead}
            )
        stage = data.get("stage")
        signed = data.get("agreement_signed_on")
        if stage in (PartnershipStage.AGREEMENT, PartnershipStage.IMPLEMENTATION) and signed is None:
            self.add_error("agreement_signed_on", _("Give the date the agreement was signed."))
        started = data.get("started_on")
        if signed is not None and started is not None and signed < started:
            self.add_error(
                "agreement_signed_on", _("The agreement cannot be signed before the first contact.")
            )
        if signed is not None and signed > timezone.localdate():
            self.add_error("agreement_signed_on", _("This date is in the future."))
        return data
