"""Forms for firm profiles, contact persons, registration by an intermediary and merging.

Views and the API both validate through these forms, so a bad value gets the same message, naming
the same field, on a page and in a 422 answer.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Q
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from interfirm.firms.models import Certification, ConsentMethod, ContactPerson, Firm
from interfirm.geo.forms import CountryChoiceField
from interfirm.geo.models import Country, Language, name_field
from interfirm.lib.forms import ModelMultipleChoiceField
from interfirm.sectors.models import IsicCode, IsicLevel

MAX_SECTORS = 20
MAX_MARKETS = 250
EARLIEST_FOUNDING_YEAR = 1600
MAX_EMPLOYEES = 5_000_000

_SPLIT = re.compile(r"[,;\n]+")


def _split(value: str) -> list[str]:
    """Return the distinct non-empty items of a comma-separated list, in order."""
    seen: dict[str, None] = {}
    for part in _SPLIT.split(value or ""):
        item = " ".join(part.split())
        if item and item.casefold() not in {k.casefold() for k in seen}:
            seen[item] = None
    return list(seen)


class IsicClassesField(forms.CharField):
    """ISIC Rev.4 classes typed as comma-separated four-digit codes ("1030, 2829"); cleans to codes."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 1000)
        kwargs.setdefault(
            "help_text",
            _("Four-digit ISIC Rev.4 class codes separated by commas, for example 1030, 2829."),
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[IsicCode]:
        text = super().clean(value)
        codes = [code.upper() for code in _split(text)]
        if len(codes) > MAX_SECTORS:
            raise forms.ValidationError(
                _("Give at most %(limit)d sectors."), code="too_many", params={"limit": MAX_SECTORS}
            )
        found = {isic.code: isic for isic in IsicCode.objects.filter(code__in=codes)}
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise forms.ValidationError(
                ngettext(
                    "Unknown ISIC Rev.4 code: %(codes)s.",
                    "Unknown ISIC Rev.4 codes: %(codes)s.",
                    len(unknown),
                ),
                code="unknown",
                params={"codes": ", ".join(unknown)},
            )
        not_classes = [code for code in codes if found[code].level != IsicLevel.CLASS]
        if not_classes:
            raise forms.ValidationError(
                _("Not ISIC classes (give the four-digit class codes): %(codes)s."),
                code="not_class",
                params={"codes": ", ".join(not_classes)},
            )
        return [found[code] for code in codes]


class CountriesField(forms.CharField):
    """Countries typed as comma-separated ISO codes (alpha-3 or alpha-2) or names, in English or in
    the language of the page."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 4000)
        kwargs.setdefault(
            "help_text",
            _("Countries separated by commas: ISO codes or names, for example KEN, UGA, Germany."),
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> list[Country]:
        text = super().clean(value)
        items = _split(text)
        if len(items) > MAX_MARKETS:
            raise forms.ValidationError(
                _("Give at most %(limit)d countries."), code="too_many", params={"limit": MAX_MARKETS}
            )
        countries: list[Country] = []
        unknown: list[str] = []
        ambiguous: list[str] = []
        # A name in the page's language is understood too ("Allemagne" on a French page).
        local = name_field(get_language() or "")
        for item in items:
            country = Country.objects.filter(
                Q(iso3__iexact=item)
                | Q(iso2__iexact=item)
                | Q(name__iexact=item)
                | Q(**{f"{local}__iexact": item})
            ).first()
            if country is None and len(item) > 3:
                # Official names are long ("United Republic of Tanzania"): accept a part that is unique.
                matches = list(
                    Country.objects.filter(Q(name__icontains=item) | Q(**{f"{local}__icontains": item}))[:2]
                )
                if len(matches) == 1:
                    country = matches[0]
                elif matches:
                    ambiguous.append(item)
                    continue
            if country is None:
                unknown.append(item)
            elif country not in countries:
                countries.append(country)
        if ambiguous:
            raise forms.ValidationError(
                _("Several countries match %(names)s: give the ISO code."),
                code="ambiguous",
                params={"names": ", ".join(ambiguous)},
            )
        if unknown:
            raise forms.ValidationError(
                ngettext("Unknown country: %(names)s.", "Unknown countries: %(names)s.", len(unknown)),
                code="unknown",
                params={"names": ", ".join(unknown)},
            )
        return countries


class FirmProfileForm(forms.ModelForm):
    """A firm's whole profile, in the fieldsets of the edit page (``FIELDSETS``)."""

    website = forms.URLField(label=_("Website"), max_length=200, required=False, assume_scheme="https")
    sectors = IsicClassesField(label=_("Sectors (ISIC Rev.4 classes)"), required=False)
    markets = CountriesField(label=_("Markets served"), required=False)
    certifications = ModelMultipleChoiceField(
        label=_("Certifications"),
        queryset=Certification.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = ModelMultipleChoiceField(
        label=_("Languages"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The languages in which the firm can do business."),
    )

    # (id, legend, confidential?, field names): the sections the completeness items link to.
    FIELDSETS: tuple[tuple[str, Any, bool, tuple[str, ...]], ...] = (
        (
            "identity",
            _("Identity (confidential)"),
            True,
            ("legal_name", "trade_name", "city", "address", "website", "email", "phone"),
        ),
        (
            "profile",
            _("Profile"),
            False,
            ("country", "sectors", "description", "year_founded", "employees", "turnover_band", "ownership"),
        ),
        (
            "capabilities",
            _("Capabilities"),
            False,
            (
                "technologies",
                "processes",
                "equipment_capacity",
                "certifications",
                "declares_no_certifications",
            ),
        ),
        ("markets", _("Markets and languages"), False, ("markets", "languages")),
        ("needs", _("Needs"), False, ("needs",)),
    )

    class Meta:
        model = Firm
        fields = (
            "legal_name",
            "trade_name",
            "city",
            "address",
            "website",
            "email",
            "phone",
            "country",
            "year_founded",
            "employees",
            "turnover_band",
            "ownership",
            "description",
            "technologies",
            "processes",
            "equipment_capacity",
            "declares_no_certifications",
            "needs",
        )
        help_texts = {
            "description": _(
                "Confidential, like the identity: shown only to the firm, its intermediaries and partners it "
                "accepts. Country, size class, sectors and capabilities are what others see."
            ),
            "needs": _(
                "Partners, technology, markets or finance the firm is looking for. "
                "Confidential, like the description."
            ),
            "trade_name": _("The name the firm is known by, if not its legal name."),
            "employees": _("With the turnover, this gives the size class (EU SME definition)."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "technologies": forms.Textarea(attrs={"rows": 3}),
            "processes": forms.Textarea(attrs={"rows": 3}),
            "equipment_capacity": forms.Textarea(attrs={"rows": 3}),
            "needs": forms.Textarea(attrs={"rows": 4}),
        }
        field_classes = {"country": CountryChoiceField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        employees = self.fields["employees"]
        employees.max_value = MAX_EMPLOYEES  # type: ignore[attr-defined]
        employees.validators.append(
            MaxValueValidator(
                MAX_EMPLOYEES,
                message=_("No firm has more than %(limit)s employees: check the number.")
                % {"limit": f"{MAX_EMPLOYEES:,}"},
            )
        )
        employees.widget.attrs["max"] = MAX_EMPLOYEES
        self.fields["year_founded"].widget.attrs.update({"min": EARLIEST_FOUNDING_YEAR})
        if self.instance.pk and not self.is_bound:
            self.initial["sectors"] = ", ".join(
                code for code in self.instance.sectors.order_by("code").values_list("code", flat=True)
            )
            self.initial["markets"] = ", ".join(
                code for code in self.instance.markets.order_by("iso3").values_list("iso3", flat=True)
            )

    def clean_year_founded(self) -> int | None:
        year = self.cleaned_data.get("year_founded")
        if year is not None and not EARLIEST_FOUNDING_YEAR <= year <= datetime.date.today().year:
            raise forms.ValidationError(
                _("Give a year between %(earliest)d and this year."),
                code="out_of_range",
                params={"earliest": EARLIEST_FOUNDING_YEAR},
            )
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("declares_no_certifications") and cleaned.get("certifications"):
            self.add_error(
                "declares_no_certifications",
                _("You selected certifications: untick “holds no certifications” or the certifications."),
            )
        return cleaned

    def fieldsets(self) -> list[dict[str, Any]]:
        """Return the fieldsets with their bound fields, for the template."""
        return [
            {
                "id": key,
                "legend": legend,
                "confidential": confidential,
                "fields": [self[name] for name in names],
            }
            for key, legend, confidential, names in self.FIELDSETS
            if any(name in self.fields for name in names)
        ]

    def profile_data(self) -> dict[str, Any]:
        """Return the cleaned values in the form ``services.firm_update`` takes."""
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name in self.cleaned_data}
        for name in ("sectors", "markets", "certifications", "languages"):
            data[name] = list(self.cleaned_data[name])
        return data


def firm_form_data(firm: Firm) -> dict[str, Any]:
    """Return ``firm``'s current profile as form data, the base a partial (PATCH) update is laid on."""
    data: dict[str, Any] = {}
    for name in FirmProfileForm.Meta.fields:
        value = getattr(firm, "country_id" if name == "country" else name)
        data[name] = "" if value is None else value
    data["sectors"] = ", ".join(firm.sectors.order_by("code").values_list("code", flat=True))
    data["markets"] = ", ".join(firm.markets.order_by("iso3").values_list("iso3", flat=True))
    data["certifications"] = list(firm.certifications.values_list("code", flat=True))
    data["languages"] = list(firm.languages.values_list("code", flat=True))
    return data


class ConsentForm(forms.Form):
    """The firm's consent to an intermediary acting for it (required to register a firm)."""

    consent_method = forms.ChoiceField(
        label=_("How the firm gave its consent"), choices=ConsentMethod.choices
    )
    consent_given_on = forms.DateField(
        label=_("Consent given on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    consent_given_by = forms.CharField(
        label=_("Consent given by (name and position)"),
        max_length=200,
        help_text=_("The person at the firm who agreed, for example “Grace Achieng, owner”."),
    )
    consent_note = forms.CharField(label=_("Note on the consent"), max_length=500, required=False)
    is_contact_channel = forms.BooleanField(
        label=_("We are the firm's contact channel (messages for the firm come to us)"),
        required=False,
        initial=True,
    )

    def clean_consent_given_on(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["consent_given_on"]
        if day > datetime.date.today():
            raise forms.ValidationError(_("Consent cannot be given in the future."), code="future")
        return day


class FirmRegisterForm(FirmProfileForm):
    """An intermediary registers a firm: its profile, its consent, and the duplicate check."""

    consent_method = ConsentForm.base_fields["consent_method"]
    consent_given_on = ConsentForm.base_fields["consent_given_on"]
    consent_given_by = ConsentForm.base_fields["consent_given_by"]
    consent_note = ConsentForm.base_fields["consent_note"]
    is_contact_channel = ConsentForm.base_fields["is_contact_channel"]
    confirm_not_duplicate = forms.BooleanField(
        label=_("This is a different firm: register it anyway"),
        required=False,
        help_text=_("Tick this only after checking the similar firms listed above."),
    )

    FIELDSETS = (
        *FirmProfileForm.FIELDSETS,
        (
            "consent",
            _("The firm's consent"),
            False,
            ("consent_method", "consent_given_on", "consent_given_by", "consent_note", "is_contact_channel"),
        ),
    )

    clean_consent_given_on = ConsentForm.clean_consent_given_on

    def consent_data(self) -> dict[str, Any]:
        """Return the consent values in the form ``services.firm_register_by_intermediary`` takes."""
        return {
            name: self.cleaned_data[name]
            for name in (
                "consent_method",
                "consent_given_on",
                "consent_given_by",
                "consent_note",
                "is_contact_channel",
            )
        }


class ContactPersonForm(forms.ModelForm):
    """A contact person at a firm."""

    class Meta:
        model = ContactPerson
        fields = ("name", "position", "email", "phone", "is_primary")

    def contact_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FirmMergeForm(forms.Form):
    """Pick the duplicate to merge into the firm shown: one of the candidates, or by reference."""

    duplicate = forms.ChoiceField(
        label=_("Possible duplicates"), required=False, widget=forms.RadioSelect, choices=()
    )
    reference = forms.CharField(
        label=_("Or the reference of another firm"),
        required=False,
        max_length=12,
        help_text=_("The public reference of the duplicate, for example F1A2B3C4."),
    )
    confirm = forms.BooleanField(
        label=_("I have checked that both records are the same firm; merging cannot be undone."),
        required=True,
    )

    def __init__(self, *args: Any, candidates: list[Firm], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].choices = [  # type: ignore[attr-defined]
            (firm.reference, f"{firm.legal_name} — {firm.city or firm.country.label} ({firm.reference})")
            for firm in candidates
        ]
        if not candidates:
            del self.fields["duplicate"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = [
            value for value in (cleaned.get("duplicate"), (cleaned.get("reference") or "").strip()) if value
        ]
        if len(chosen) != 1:
            self.add_error(
                "reference",
                _("Choose one duplicate from the list, or give one reference — not both, not neither."),
            )
        else:
            cleaned["source_reference"] = chosen[0].upper()
        return cleaned
