"""Forms of the reference pages: filtering countries, asking for the corridor of two countries."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from interfirm.geo.models import Country, CountryGroup, EconomyGroup, label_sort_key
from interfirm.geo.selectors import region_choices_by_name
from interfirm.lib.forms import ModelMultipleChoiceField


class _ByLabel(ModelChoiceIterator):
    """The countries of the field's queryset, named and sorted in the language of the page."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for country in sorted(self.queryset, key=lambda c: label_sort_key(c.label)):
            yield self.choice(country)


class _ByLabelField:
    """Countries offered by their names in the language of the page (English in English), every
    country unless a queryset is given."""

    iterator: Any = _ByLabel

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Country.objects.all())
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class CountryChoiceField(_ByLabelField, forms.ModelChoiceField):
    """A country, offered by its name in the language of the page."""


class CountryMultipleChoiceField(_ByLabelField, ModelMultipleChoiceField):
    """Countries, offered by their names in the language of the page."""


def country_choices(countries: Any) -> list[tuple[str, str]]:
    """Return ``(iso3, name)`` choices of ``countries`` in the language of the page, sorted by that name."""
    return sorted(((c.iso3, c.label) for c in countries), key=lambda choice: label_sort_key(choice[1]))


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
        self.fields["region"].choices = [("", _("Any")), *region_choices_by_name()]  # type: ignore[attr-defined]


class CorridorForm(forms.Form):
    """Two countries and an optional date: which corridor links them."""

    a = CountryChoiceField(label=_("First country"))
    b = CountryChoiceField(label=_("Second country"))
    on = forms.DateField(
        label=_("On date"),
        required=False,
        help_text=_("Groups such as the LDCs change over time; today by default."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
