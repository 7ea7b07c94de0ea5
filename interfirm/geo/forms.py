"""Forms of the reference pages: filtering countries, asking for the corridor of two countries."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interfirm.geo.models import Country, CountryGroup, EconomyGroup
from interfirm.geo.selectors import regions


class CountryFilterForm(forms.Form):
    """The filters of the country list (all optional; a GET form)."""

    region = forms.ChoiceField(label=_("Region"), required=False)
    economy_group = forms.ChoiceField(
        label=_("Economy group"), required=False, choices=[("", _("Any")), *EconomyGroup.choices]
    )
    group = forms.ChoiceField(
        label=_("Group"), required=False, choices=[("", _("Any")), *CountryGroup.choices]
    )
    on = forms.DateField(
        label=_("Groups on date"),
        required=False,
        help_text=_("Membership of LDC, LLDC and SIDS changes over time; today by default."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Any")), *((name, name) for name in regions())]  # type: ignore[attr-defined]


class CorridorForm(forms.Form):
    """Two countries and an optional date: which corridor links them."""

    a = forms.ModelChoiceField(label=_("First country"), queryset=Country.objects.order_by("name"))
    b = forms.ModelChoiceField(label=_("Second country"), queryset=Country.objects.order_by("name"))
    on = forms.DateField(
        label=_("On date"),
        required=False,
        help_text=_("Groups such as the LDCs change over time; today by default."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
