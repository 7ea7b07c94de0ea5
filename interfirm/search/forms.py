"""The search form of the published opportunities (a GET form; every field optional). The page and the
API both validate with it, so an unknown value is refused the same way: the page reports it on the
field and ignores it, the API answers 422 naming the field."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from interfirm.firms.models import SizeClass
from interfirm.geo.corridors import CorridorKind
from interfirm.geo.forms import CountryChoiceField
from interfirm.geo.models import Country, EconomyGroup
from interfirm.opportunities.models import ArrangementType, Domain, Kind
from interfirm.readiness.forms import minimum_level_field
from interfirm.search.selectors import NO, YES, SearchFilters, Sort
from interfirm.sectors.models import IsicCode, IsicLevel

if TYPE_CHECKING:
    from interfirm.firms.models import Firm

MAX_DEADLINE_DAYS = 3650


def _any(choices: Any) -> list[tuple[str, Any]]:
    return [("", _("Any")), *choices]


class SectorField(forms.ChoiceField):
    """A select of ISIC sections and divisions that also accepts any group or class code."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).strip().upper()

    def valid_value(self, value: Any) -> bool:
        return IsicCode.objects.filter(code=value).exists()

    def validate(self, value: Any) -> None:
        if value and not self.valid_value(value):
            raise ValidationError(
                _("Unknown ISIC Rev.4 code: %(code)s."), code="unknown_code", params={"code": value}
            )


class CountryField(CountryChoiceField):
    """A country by its ISO 3166 alpha-3 code, in any case."""

    def to_python(self, value: Any) -> Any:
        return super().to_python(value.strip().upper() if isinstance(value, str) else value)


class OpportunitySearchForm(forms.Form):
    """Search words, filters and order of the opportunity search.

    ``viewer_firm`` is the firm the searcher acts for: the corridor filter is relative to its country
    and refused without one.
    """

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the title, description or keywords."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = forms.ChoiceField(label=_("Offer or request"), required=False, choices=_any(Kind.choices))
    domain = forms.ChoiceField(label=_("Domain"), required=False, choices=_any(Domain.choices))
    arrangement = forms.ChoiceField(
        label=_("Arrangement type"), required=False, choices=_any(ArrangementType.choices)
    )
    sector = SectorField(label=_("Sector"), required=False, help_text=_("ISIC Rev.4 code at any level."))
    country = CountryField(label=_("Country of the owner"), required=False, empty_label=_("Any"))
    region = forms.ChoiceField(label=_("Region of the owner"), required=False)
    economy_group = forms.ChoiceField(
        label=_("Economy group of the owner"), required=False, choices=_any(EconomyGroup.choices)
    )
    ldc = forms.ChoiceField(
        label=_("Least developed countries"),
        required=False,
        choices=_any([(YES, _("Only owners in an LDC")), (NO, _("Only owners elsewhere"))]),
    )
    size = forms.ChoiceField(label=_("Size of the owner"), required=False, choices=_any(SizeClass.choices))
    corridor = forms.ChoiceField(
        label=_("Corridor from your country"),
        required=False,
        choices=_any(CorridorKind.choices),
        help_text=_("North-South, South-South … between your firm's country and the owner's."),
    )
    deadline_within = forms.IntegerField(
        label=_("Deadline within (days)"), required=False, min_value=1, max_value=MAX_DEADLINE_DAYS
    )
    deadline_before = forms.DateField(
        label=_("Deadline on or before"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    readiness = minimum_level_field()
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=Sort.choices)

    def __init__(self, *args: Any, viewer_firm: Firm | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.viewer_firm = viewer_firm
        from interfirm.geo.models import label_sort_key
        from interfirm.geo.names import region_label

        regions = sorted(
            {
                (code, region_label(code, name))
                for code, name in Country.objects.exclude(region_code="").values_list("region_code", "region")
            },
            key=lambda choice: label_sort_key(choice[1]),
        )
        self.fields["region"].choices = _any(regions)  # type: ignore[attr-defined]
        sectors = sorted(
            IsicCode.objects.filter(level__in=(IsicLevel.SECTION, IsicLevel.DIVISION)),
            key=lambda c: (c.section, c.level != IsicLevel.SECTION, c.code),  # a section, then its divisions
        )
        choices: list[tuple[str, Any]] = _any([(c.code, f"{c.code} – {c.title}") for c in sectors])
        asked = str(self.data.get("sector", "")).strip().upper() if self.is_bound else ""
        if asked and asked not in {code for code, _label in choices}:
            # A group or class asked for in the URL stays selected in the form.
            node = IsicCode.objects.filter(code=asked).first()
            if node is not None:
                choices.append((node.code, f"{node.code} – {node.title}"))
        self.fields["sector"].choices = choices  # type: ignore[attr-defined]
        if viewer_firm is None:
            self.fields["corridor"].widget = forms.HiddenInput()

    def clean_region(self) -> str:
        return str(self.cleaned_data.get("region") or "")

    def clean_corridor(self) -> str:
        corridor = str(self.cleaned_data.get("corridor") or "")
        if corridor and self.viewer_firm is None:
            raise ValidationError(
                _("The corridor is relative to your firm's country: sign in and act for a firm to use it."),
                code="needs_firm",
            )
        return corridor

    def filters(self) -> SearchFilters:
        """Return the filters of the valid fields (invalid ones are reported on the form and ignored)."""
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        country = data.get("country")
        ldc = data.get("ldc", "")
        return SearchFilters(
            kind=data.get("kind") or "",
            domain=data.get("domain") or "",
            arrangement=data.get("arrangement") or "",
            sector=data.get("sector") or "",
            country=country.pk if country is not None else "",
            region=data.get("region") or "",
            economy_group=data.get("economy_group") or "",
            ldc=None if not ldc else ldc == YES,
            size=data.get("size") or "",
            corridor=data.get("corridor") or "",
            deadline_before=data.get("deadline_before"),
            deadline_within=data.get("deadline_within"),
            readiness=data.get("readiness") or "",
        )

    def search_words(self) -> str:
        """Return the search text typed (empty when invalid)."""
        return str(getattr(self, "cleaned_data", {}).get("q") or "")

    def chosen_sort(self) -> str:
        """Return the order asked for (empty for the default)."""
        return str(getattr(self, "cleaned_data", {}).get("sort") or "")
