"""The period form of the insights pages and exports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interfirm.insights.selectors import QUARTER, YEAR, Period, period_errors


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    series = forms.ChoiceField(
        label=_("Series by"), required=False, choices=[(QUARTER, _("Quarter")), (YEAR, _("Year"))]
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, message in period_errors(data.get("start"), data.get("end")).items():
            self.add_error(name, message)
        return data

    def period(self) -> Period:
        """Return the period of a valid form; the whole history by quarter otherwise."""
        if not self.is_valid():
            return Period()
        data = self.cleaned_data
        return Period(start=data.get("start"), end=data.get("end"), series=data.get("series") or QUARTER)
