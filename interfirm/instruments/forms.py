"""The form operators and intermediaries manage a support instrument with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from interfirm.firms.models import SizeClass
from interfirm.geo.forms import CountryMultipleChoiceField
from interfirm.geo.models import EconomyGroup
from interfirm.instruments.models import SupportInstrument
from interfirm.intermediaries.models import Intermediary
from interfirm.opportunities.models import ArrangementType
from interfirm.readiness.models import ReadinessLevel
from interfirm.sectors.models import IsicCode


class SupportInstrumentForm(forms.ModelForm):
    economy_groups = forms.MultipleChoiceField(
        label=_("Economy groups"),
        required=False,
        choices=EconomyGroup.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    size_classes = forms.MultipleChoiceField(
        label=_("Firm sizes"), required=False, choices=SizeClass.choices, widget=forms.CheckboxSelectMultiple
    )
    arrangement_types = forms.MultipleChoiceField(
        label=_("Arrangement types"),
        required=False,
        choices=ArrangementType.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    isic_prefixes = forms.CharField(
        label=_("Sectors (ISIC)"),
        required=False,
        max_length=200,
        help_text=_("Section letters or codes, separated by commas: C, 10, 1030. Empty: every sector."),
    )
    min_readiness = forms.ChoiceField(
        label=_("Minimum readiness level"), required=False, choices=[("", _("None")), *ReadinessLevel.choices]
    )
    countries = CountryMultipleChoiceField(
        label=_("Countries"),
        required=False,
        help_text=_("Empty: every country."),
    )

    class Meta:
        model = SupportInstrument
        fields = (
            "name",
            "kind",
            "provider",
            "description",
            "amount_min",
            "amount_max",
            "currency",
            "deadline",
            "is_active",
            "countries",
            "economy_groups",
            "ldc_only",
            "size_classes",
            "isic_prefixes",
            "arrangement_types",
            "min_readiness",
            "cofinancing_required",
        )
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, provider: Intermediary | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fixed_provider = provider
        if provider is not None:
            del self.fields["provider"]
        else:
            self.fields["provider"].queryset = Intermediary.objects.order_by("name")  # type: ignore[attr-defined]
        if self.instance.pk:
            self.initial["isic_prefixes"] = ", ".join(self.instance.isic_prefixes or [])

    def clean_isic_prefixes(self) -> list[str]:
        raw = str(self.cleaned_data.get("isic_prefixes") or "")
        prefixes = [part.strip().upper() for part in raw.split(",") if part.strip()]
        for prefix in prefixes:
            if not IsicCode.objects.filter(code=prefix).exists():
                raise ValidationError(_("Unknown ISIC Rev.4 code: %(code)s."), params={"code": prefix})
        return prefixes

    def clean_currency(self) -> str:
        currency = str(self.cleaned_data.get("currency") or "").strip().upper()
        if currency and (len(currency) != 3 or not currency.isalpha()):
            raise ValidationError(_("Give the three-letter ISO 4217 code, e.g. USD or EUR."))
        return currency

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        low, high = data.get("amount_min"), data.get("amount_max")
        if low is not None and high is not None and low > high:
            self.add_error("amount_max", _("The largest amount is below the smallest."))
        if (low is not None or high is not None) and not data.get("currency"):
            self.add_error("currency", _("Give the currency of the amounts."))
        return data

    def values(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("countries", None)
        if self.fixed_provider is not None:
            data["provider"] = self.fixed_provider
        return data
