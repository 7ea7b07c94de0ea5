"""Forms of opportunities: the one editing form, the review, the renewal and the printable list's filters.

The pages and the API validate through the same forms, so a bad value gets the same message, naming
the same field, on a page and in a 422 answer.
"""

from __future__ import annotations

import calendar
import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interfirm.firms.forms import IsicClassesField
from interfirm.firms.models import Certification, Firm, SizeClass
from interfirm.geo.forms import CountryChoiceField, CountryMultipleChoiceField
from interfirm.geo.models import Language
from interfirm.lib.forms import ModelMultipleChoiceField
from interfirm.opportunities.models import (
    ArrangementType,
    Domain,
    IpStatus,
    Kind,
    Opportunity,
    PartnerType,
    ReviewDecision,
    Stage,
)
from interfirm.opportunities.selectors import corridor_labels, economy_group_labels, region_labels
from interfirm.opportunities.services import (
    M2M_FIELDS,
    SCALAR_FIELDS,
    review_decision_for,
    review_final_decision,
)
from interfirm.sectors.models import IsicCode


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Return ``day`` moved ``months`` later, on the last day of the month when the day is missing."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def default_deadline() -> datetime.date:
    """Return the deadline a new opportunity starts with."""
    return add_months(timezone.localdate(), settings.OPPORTUNITY_DEFAULT_DEADLINE_MONTHS)


def clean_deadline_value(deadline: datetime.date) -> datetime.date:
    """Return ``deadline`` if it lies after today and within the allowed months; raise otherwise."""
    today = timezone.localdate()
    if deadline <= today:
        raise forms.ValidationError(_("The deadline must be in the future."), code="past")
    latest = add_months(today, settings.OPPORTUNITY_MAX_DEADLINE_MONTHS)
    if deadline > latest:
        raise forms.ValidationError(
            _("The deadline can be at most %(months)d months from today (%(latest)s)."),
            code="too_far",
            params={"months": settings.OPPORTUNITY_MAX_DEADLINE_MONTHS, "latest": latest.isoformat()},
        )
    return deadline


def _choices(labels: dict[str, Any]) -> list[tuple[str, str]]:
    return [(code, str(label)) for code, label in labels.items() if code]


def region_choices() -> list[tuple[str, str]]:
    """Return the M49 regions and sub-regions, by name."""
    from interfirm.geo.models import label_sort_key

    return sorted(region_labels().items(), key=lambda item: label_sort_key(item[1]))


class DateInput(forms.DateInput):
    input_type = "date"


class OpportunityForm(forms.Form):
    """Everything an opportunity states. An intermediary creating one also picks the firm (``firms``)."""

    firm = forms.ModelChoiceField(label=_("For the firm"), queryset=Firm.objects.none(), required=True)
    kind = forms.ChoiceField(label=_("Offer or request"), choices=Kind.choices, widget=forms.RadioSelect)
    domains = forms.MultipleChoiceField(
        label=_("Domains"),
        choices=Domain.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("One profile can cover technology, production, marketing and investment at once."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    description = forms.CharField(
        label=_("Description"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )
    advantages = forms.CharField(
        label=_("What is innovative or advantageous"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    stage = forms.ChoiceField(
        label=_("Stage of development"), choices=Stage.choices, initial=Stage.NOT_APPLICABLE, required=False
    )
    ip_status = forms.ChoiceField(
        label=_("IP status"), choices=IpStatus.choices, initial=IpStatus.NOT_APPLICABLE, required=False
    )
    arrangement_types = forms.MultipleChoiceField(
        label=_("Arrangement types sought"),
        choices=ArrangementType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one arrangement type.")},
    )
    partner_role = forms.CharField(
        label=_("Role and task of the partner sought"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    partner_sizes = forms.MultipleChoiceField(
        label=_("Size of the partner"),
        choices=SizeClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_types = forms.MultipleChoiceField(
        label=_("Type of partner"),
        choices=PartnerType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partner_countries = CountryMultipleChoiceField(
        label=_("Countries of the partner"),
        required=False,
        help_text=_("Leave empty for any country. Hold Ctrl (or Cmd) to choose several."),
    )
    partner_regions = forms.MultipleChoiceField(
        label=_("Regions of the partner"),
        required=False,
        help_text=_("UN M49 regions and sub-regions. Hold Ctrl (or Cmd) to choose several."),
    )
    partner_economy_groups = forms.MultipleChoiceField(
        label=_("Economy groups of the partner"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partner_corridors = forms.MultipleChoiceField(
        label=_("Corridors sought"), required=False, widget=forms.CheckboxSelectMultiple
    )
    required_certifications = ModelMultipleChoiceField(
        label=_("Certifications the partner must hold"),
        queryset=Certification.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    required_capacity = forms.CharField(
        label=_("Capacity the partner must have"), max_length=500, required=False
    )
    required_languages = ModelMultipleChoiceField(
        label=_("Languages the partner must speak"),
        queryset=Language.objects.order_by("name"),
        required=False,
        help_text=_("Hold Ctrl (or Cmd) to choose several."),
    )
    sectors = IsicClassesField(label=_("Sectors (ISIC Rev.4 classes)"))
    keywords = forms.CharField(
        label=_("Keywords"), max_length=500, required=False, help_text=_("Separated by commas.")
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput)

    FIELDSETS: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (_("The opportunity"), ("firm", "kind", "domains", "title", "summary", "description", "advantages")),
        (_("Stage and protection"), ("stage", "ip_status")),
        (
            _("The partner sought"),
            (
                "arrangement_types",
                "partner_role",
                "partner_sizes",
                "partner_types",
                "partner_countries",
                "partner_regions",
                "partner_economy_groups",
                "partner_corridors",
            ),
        ),
        (
            _("Requirements the partner must meet"),
            ("required_certifications", "required_capacity", "required_languages"),
        ),
        (_("Classification and deadline"), ("sectors", "keywords", "deadline")),
    )

    def __init__(self, *args: Any, firms: list[Firm] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner_regions"].choices = region_choices()  # type: ignore[attr-defined]
        self.fields["partner_economy_groups"].choices = _choices(economy_group_labels())  # type: ignore[attr-defined]
        self.fields["partner_corridors"].choices = _choices(corridor_labels())  # type: ignore[attr-defined]
        if firms is None:
            del self.fields["firm"]
        else:
            field = self.fields["firm"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Firm.objects.filter(pk__in=[f.pk for f in firms]).order_by("legal_name")
        if not self.is_bound and "deadline" not in self.initial:
            self.initial["deadline"] = default_deadline()

    def clean_deadline(self) -> datetime.date:
        return clean_deadline_value(self.cleaned_data["deadline"])

    def clean_stage(self) -> str:
        return self.cleaned_data.get("stage") or Stage.NOT_APPLICABLE

    def clean_ip_status(self) -> str:
        return self.cleaned_data.get("ip_status") or IpStatus.NOT_APPLICABLE

    def clean_keywords(self) -> str:
        from interfirm.opportunities.selectors import keyword_list

        return ", ".join(keyword_list(self.cleaned_data.get("keywords", "")))

    def fieldsets(self) -> list[dict[str, Any]]:
        """Return the fieldsets to render: a legend and the bound fields present in this form."""
        return [
            {"legend": legend, "fields": [self[name] for name in names if name in self.fields]}
            for legend, names in self.FIELDSETS
        ]

    def opportunity_data(self) -> dict[str, Any]:
        """Return the cleaned values for ``opportunity_create`` / ``opportunity_update``."""
        return {
            name: self.cleaned_data[name]
            for name in (*SCALAR_FIELDS, *M2M_FIELDS)
            if name in self.cleaned_data
        }


def opportunity_form_data(opportunity: Opportunity) -> dict[str, Any]:
    """Return an opportunity's current values in the form's shape (for the edit page and PATCH)."""
    return {
        **{name: getattr(opportunity, name) for name in SCALAR_FIELDS},
        "deadline": opportunity.deadline.isoformat(),
        "partner_countries": [c.pk for c in opportunity.partner_countries.all()],
        "required_certifications": [c.pk for c in opportunity.required_certifications.all()],
        "required_languages": [lang.pk for lang in opportunity.required_languages.all()],
        "sectors": ", ".join(s.code for s in opportunity.sectors.all()),
    }


SCORE_CHOICES = [(n, str(n)) for n in range(6)]


class ReviewForm(forms.Form):
    """Four criteria scored 0–5, an optional stricter decision, and comments to the owner."""

    clarity = forms.TypedChoiceField(
        label=_("Clarity"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    innovation = forms.TypedChoiceField(
        label=_("What is innovative or advantageous"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    cooperation = forms.TypedChoiceField(
        label=_("The cooperation sought"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    language = forms.TypedChoiceField(
        label=_("Language"), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[
            ("", _("As the scores decide")),
            (ReviewDecision.HOLD, _("Put on hold with comments")),
            (ReviewDecision.REJECT, _("Reject")),
        ],
        help_text=_("You may be stricter than the scores, never milder."),
    )
    comments = forms.CharField(
        label=_("Comments to the owner"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Required when the opportunity is put on hold or rejected: say what to change, or why."),
    )

    SCORES = ("clarity", "innovation", "cooperation", "language")

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.opportunity = opportunity

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if any(name not in data for name in self.SCORES):
            return data
        scored = review_decision_for(**{name: data[name] for name in self.SCORES})
        final = review_final_decision(scored=scored, chosen=data.get("decision") or None)
        data["final_decision"] = final
        if final == ReviewDecision.PUBLISH and self.opportunity.identity_flags:
            self.add_error(
                "decision",
                forms.ValidationError(
                    _(
                        "The scores would publish this opportunity, but its text still identifies the firm "
                        "(see the flags above). It cannot be published until they are gone: put it on hold "
                        "and ask the owner to remove them."
                    ),
                    code="identity_flags",
                ),
            )
        if final in (ReviewDecision.HOLD, ReviewDecision.REJECT) and not data.get("comments", "").strip():
            message = (
                _("Give the reasons for rejecting.")
                if final == ReviewDecision.REJECT
                else _("Say what the owner should change.")
            )
            self.add_error("comments", forms.ValidationError(message, code="required"))
        return data

    def review_data(self) -> dict[str, Any]:
        """Return the arguments of ``opportunity_review`` (besides actor and opportunity)."""
        data = self.cleaned_data
        return {
            **{name: data[name] for name in self.SCORES},
            "comments": data.get("comments", "").strip(),
            "decision": data.get("decision") or None,
        }


class RenewForm(forms.Form):
    deadline = forms.DateField(label=_("New deadline"), widget=DateInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound and "deadline" not in self.initial:
            self.initial["deadline"] = default_deadline()

    def clean_deadline(self) -> datetime.date:
        return clean_deadline_value(self.cleaned_data["deadline"])


class PrintListForm(forms.Form):
    """The filters of the printable list (a GET form; all optional)."""

    country = CountryChoiceField(label=_("Country of the owner"), required=False, empty_label=_("Any"))
    sector = forms.CharField(label=_("Sector (ISIC Rev.4 code)"), max_length=4, required=False)
    kind = forms.ChoiceField(
        label=_("Offer or request"), choices=[("", _("Any")), *Kind.choices], required=False
    )

    def clean_sector(self) -> str:
        code = self.cleaned_data.get("sector", "").strip().upper()
        if code and not IsicCode.objects.filter(code=code).exists():
            raise forms.ValidationError(
                _("Unknown ISIC Rev.4 code: %(code)s."), code="unknown", params={"code": code}
            )
        return code

    def filters(self) -> Any:
        from interfirm.opportunities.selectors import PrintFilters

        data = getattr(self, "cleaned_data", {})
        country = data.get("country")
        return PrintFilters(
            country=country.pk if country else "", sector=data.get("sector", ""), kind=data.get("kind", "")
        )
