"""Forms of matching: dismissing and forwarding a suggestion, saving a search."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from interfirm.matching.models import DismissReason, Frequency


class DismissForm(forms.Form):
    reason = forms.ChoiceField(label=_("Why is this not a partner for you?"), choices=DismissReason.choices)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=500)


class ForwardForm(forms.Form):
    note = forms.CharField(
        label=_("A note to the firm (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SavedSearchForm(forms.Form):
    name = forms.CharField(label=_("Name of the saved search"), max_length=120)
    query = forms.CharField(required=False, max_length=1000, widget=forms.HiddenInput)
    frequency = forms.ChoiceField(
        label=_("Send new matches"), choices=Frequency.choices, initial=Frequency.WEEKLY
    )


class SavedSearchEditForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    frequency = forms.ChoiceField(label=_("Send new matches"), choices=Frequency.choices)
    is_active = forms.BooleanField(label=_("Send alerts"), required=False)
