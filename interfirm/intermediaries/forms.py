"""Forms of the directory: the public search, and the page where an intermediary edits its own entry."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from interfirm.geo.forms import CountryChoiceField, CountryMultipleChoiceField
from interfirm.geo.models import Language
from interfirm.geo.selectors import region_choices_by_name
from interfirm.intermediaries.models import Intermediary, IntermediaryType, Network, Service
from interfirm.intermediaries.selectors import DirectoryFilters
from interfirm.lib.forms import ModelMultipleChoiceField
from interfirm.sectors.models import IsicCode
from interfirm.sectors.selectors import isic_choices


class SectorChoiceField(forms.ChoiceField):
    """A select of sections and divisions that also accepts any other ISIC code (a group or a class)."""

    default_error_messages = {"invalid_choice": _("Unknown ISIC Rev.4 code: %(value)s.")}

    def valid_value(self, value: Any) -> bool:
        return IsicCode.objects.filter(code=str(value).strip().upper()).exists()

    def to_python(self, value: Any) -> str:
        return super().to_python(value).strip().upper()


class DirectorySearchForm(forms.Form):
    """The filters of the public directory (a GET form; every field optional)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Name, acronym, description or city."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any")), *IntermediaryType.choices]
    )
    country = CountryChoiceField(
        label=_("Country covered"),
        required=False,
        empty_label=_("Any"),
        error_messages={"invalid_choice": _("Unknown country code.")},
    )
    region = forms.ChoiceField(label=_("Region covered"), required=False)
    sector = SectorChoiceField(
        label=_("Sector covered"), required=False, help_text=_("ISIC Rev.4 section or division.")
    )
    service = forms.ModelChoiceField(
        label=_("Service offered"),
        required=False,
        queryset=Service.objects.order_by("position"),
        empty_label=_("Any"),
        error_messages={"invalid_choice": _("Unknown service.")},
    )
    language = forms.ModelChoiceField(
        label=_("Language"),
        required=False,
        queryset=Language.objects.order_by("name"),
        empty_label=_("Any"),
        error_messages={"invalid_choice": _("Unknown language code.")},
    )
    network = forms.ModelChoiceField(
        label=_("Network"),
        required=False,
        queryset=Network.objects.order_by("acronym", "name"),
        to_field_name="code",
        empty_label=_("Any"),
        error_messages={"invalid_choice": _("Unknown network.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", _("Any")), *region_choices_by_name()]  # type: ignore[attr-defined]
        sector_choices: list[tuple[str, Any]] = [("", _("Any")), *isic_choices()]
        asked = str(self.data.get("sector", "")).strip().upper() if self.is_bound else ""
        if asked and asked not in {code for code, _label in sector_choices}:
            # A group or class asked for in the URL stays selected in the form.
            node = IsicCode.objects.filter(code=asked).first()
            if node is not None:
                sector_choices.append((node.code, f"{node.code} – {node.title}"))
        self.fields["sector"].choices = sector_choices  # type: ignore[attr-defined]

    def filters(self) -> DirectoryFilters:
        """Return the filters of the valid fields (invalid ones are reported on the form and ignored)."""
        data = getattr(self, "cleaned_data", {})

        def code(name: str, attr: str = "pk") -> str:
            value = data.get(name)
            return str(getattr(value, attr)) if value is not None else ""

        return DirectoryFilters(
            q=data.get("q", "") or "",
            type=data.get("type", "") or "",
            country=code("country"),
            region=data.get("region", "") or "",
            sector=data.get("sector", "") or "",
            service=code("service"),
            language=code("language"),
            network=code("network", "code"),
        )


_CODE_SEPARATORS = re.compile(r"[\s,;]+")


class IsicCodesField(forms.CharField):
    """ISIC Rev.4 codes typed as text ("1030, 2829 C"); each must exist. Cleans to a list of codes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return " ".join(str(getattr(v, "pk", v)) for v in value)
        return value

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value)
        codes = list(dict.fromkeys(c.upper() for c in _CODE_SEPARATORS.split(text or "") if c))
        known = set(IsicCode.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise ValidationError(
                ngettext(
                    "Unknown ISIC Rev.4 code: %(codes)s.",
                    "Unknown ISIC Rev.4 codes: %(codes)s.",
                    len(unknown),
                ),
                code="unknown_code",
                params={"codes": ", ".join(unknown)},
            )
        return codes


class IntermediaryForm(forms.ModelForm):
    """An intermediary's public directory entry, as its managers edit it."""

    website = forms.URLField(label=_("website"), required=False, max_length=200, assume_scheme="https")
    sectors_covered = IsicCodesField(
        label=_("Sectors covered"),
        required=False,
        help_text=_("ISIC Rev.4 codes separated by spaces or commas, at any level: C, 10, 103, 1030."),
    )
    services = ModelMultipleChoiceField(
        label=_("Services offered"),
        queryset=Service.objects.order_by("position"),
        widget=forms.CheckboxSelectMultiple,
    )
    networks = ModelMultipleChoiceField(
        label=_("Networks"),
        required=False,
        queryset=Network.objects.order_by("acronym", "name"),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Intermediary
        fields = (
            "name",
            "acronym",
            "type",
            "description",
            "country",
            "city",
            "address",
            # "website" is declared above (https assumed), outside Meta so Django builds no second field.
            "email",
            "phone",
            "countries_covered",
            "sectors_covered",
            "services",
            "languages",
            "networks",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}
        field_classes = {
            "country": CountryChoiceField,
            "countries_covered": CountryMultipleChoiceField,
            "languages": ModelMultipleChoiceField,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["languages"].queryset = Language.objects.order_by("name")  # type: ignore[attr-defined]
        if self.instance.pk and not self.is_bound:
            self.initial["sectors_covered"] = " ".join(
                self.instance.sectors_covered.order_by("code").values_list("code", flat=True)
            )

    def changes(self) -> dict[str, Any]:
        """Return the cleaned values in the form the ``intermediary_update`` service takes."""
        data = dict(self.cleaned_data)
        data["country_id"] = data.pop("country").pk
        data["countries_covered"] = [c.pk for c in data["countries_covered"]]
        data["services"] = [s.pk for s in data["services"]]
        data["languages"] = [lang.pk for lang in data["languages"]]
        data["networks"] = [n.pk for n in data["networks"]]
        return data


def form_data_of(intermediary: Intermediary) -> dict[str, Any]:
    """Return the bound-form data that reproduces ``intermediary`` (the API patches over it)."""
    return {
        "name": intermediary.name,
        "acronym": intermediary.acronym,
        "type": intermediary.type,
        "description": intermediary.description,
        "country": intermediary.country_id,
        "city": intermediary.city,
        "address": intermediary.address,
        "website": intermediary.website,
        "email": intermediary.email,
        "phone": intermediary.phone,
        "countries_covered": [c.pk for c in intermediary.countries_covered.all()],
        "sectors_covered": " ".join(sorted(s.pk for s in intermediary.sectors_covered.all())),
        "services": [s.pk for s in intermediary.services.all()],
        "languages": [lang.pk for lang in intermediary.languages.all()],
        "networks": [n.code for n in intermediary.networks.all()],
    }
