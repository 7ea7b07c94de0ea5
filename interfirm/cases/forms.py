"""Forms of best-practice cases: the search filters, the edit of a draft, a party's consent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interfirm.cases.models import Case, CaseParty
from interfirm.cases.selectors import CaseFilters
from interfirm.firms.models import SizeClass
from interfirm.geo.corridors import CorridorKind
from interfirm.geo.models import Country
from interfirm.opportunities.models import ArrangementType
from interfirm.sectors.models import IsicCode

ANY = [("", _("Any"))]


class CaseFilterForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    corridor = forms.ChoiceField(
        label=_("Corridor"), required=False, choices=ANY + list(CorridorKind.choices)
    )
    arrangement = forms.ChoiceField(
        label=_("Arrangement type"), required=False, choices=ANY + list(ArrangementType.choices)
    )
    section = forms.ChoiceField(label=_("Sector (ISIC section)"), required=False)
    country = forms.ChoiceField(label=_("Country of a party"), required=False)
    size = forms.ChoiceField(
        label=_("Size of a party"), required=False, choices=ANY + list(SizeClass.choices)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        sections = IsicCode.objects.filter(level="section").order_by("code")
        section_field: Any = self.fields["section"]
        section_field.choices = ANY + [(s.code, f"{s.code} – {s.title}") for s in sections]
        used = CaseParty.objects.filter(case__status="published", country__isnull=False).values("country_id")
        countries = Country.objects.filter(iso3__in=used).order_by("name")
        country_field: Any = self.fields["country"]
        country_field.choices = ANY + [(c.iso3, c.name) for c in countries]

    def filters(self) -> CaseFilters:
        """Return the filters of a valid form (invalid values are dropped, not an error page)."""
        data = self.cleaned_data if self.is_valid() else {}
        return CaseFilters(**{name: data.get(name) or "" for name in CaseFilters.__dataclass_fields__})


def _lines(value: list[str]) -> str:
    return "\n".join(value)


class LinesField(forms.CharField):
    """A list of short texts, one a line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value: Any) -> Any:
        return _lines(value) if isinstance(value, list) else value


class CaseEditForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    unfolded = forms.CharField(
        label=_("How it unfolded"), max_length=6000, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    outcomes = forms.CharField(
        label=_("Outcomes"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    success_factors = LinesField(label=_("Success factors (one a line)"), required=False, max_length=4000)
    lessons = LinesField(label=_("Lessons (one a line)"), required=False, max_length=4000)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(case, name) for name in self.base_fields})
        super().__init__(*args, **kwargs)
        self.parties = list(case.parties.all())
        for party in self.parties:
            name = f"brought_{party.pk}"
            self.fields[name] = forms.CharField(
                label=_("What party %(n)d brought") % {"n": party.position + 1},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=party.brought,
            )

    def update_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in CaseEditForm.base_fields}
        data["brought"] = {p.pk: self.cleaned_data[f"brought_{p.pk}"] for p in self.parties}
        return data


class ConsentForm(forms.Form):
    party = forms.IntegerField(widget=forms.HiddenInput)
    named = forms.BooleanField(
        label=_("Our firm may be named in the case (otherwise it is described without its name)"),
        required=False,
    )
