"""Forms of best-practice cases: the search filters, a case recorded by an operator, the edit of a
draft, a party's consent."""

from __future__ import annotations

import copy
import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from interfirm.cases.models import Case, CaseOrigin, CaseParty, OrganisationType
from interfirm.cases.selectors import CaseFilters
from interfirm.cases.services import MAX_PARTIES, MIN_PARTIES, PartyRecord, party_count_message
from interfirm.firms.forms import IsicClassesField
from interfirm.firms.models import SizeClass
from interfirm.geo.corridors import CorridorKind
from interfirm.geo.forms import country_choices
from interfirm.geo.models import Country, EconomyGroup
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
        country_field: Any = self.fields["country"]
        country_field.choices = ANY + country_choices(Country.objects.filter(iso3__in=used))

    def filters(self) -> CaseFilters:
        """Return the filters of a valid form (invalid values are dropped, not an error page)."""
        data = self.cleaned_data if self.is_valid() else {}
        return CaseFilters(**{name: data.get(name) or "" for name in CaseFilters.__dataclass_fields__})


# A case recorded by an operator --------------------------------------------------------------------

EARLIEST_YEAR = 1900
PARTY_BLOCKS = MAX_PARTIES
NONE = [("", "–")]


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

    def run_validators(self, value: Any) -> None:
        # The length and the characters are those of the text typed, not a count of lines.
        super().run_validators(_lines(value) if isinstance(value, list) else value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        # Lines against lines: an empty list is no change from an empty or missing initial value.
        return self.to_python(self.prepare_value(initial)) != self.to_python(data)


class CasePartyForm(forms.Form):
    """One party block of the record form; a block left blank is ignored."""

    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        required=False,
        help_text=_("Only when the case names its parties."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=200,
        required=False,
        help_text=_("How the party is described when it is not named (“partners in Tunisia”)."),
    )
    country = forms.ChoiceField(
        label=_("Country"),
        required=False,
        error_messages={"invalid_choice": _("Unknown country: choose one from the list.")},
    )
    economy_group = forms.ChoiceField(
        label=_("Group of countries"),
        required=False,
        choices=NONE + list(EconomyGroup.choices),
        help_text=_("Only when the country is not known (“universities in developed countries”)."),
    )
    size_class = forms.ChoiceField(
        label=_("Size class"), required=False, choices=NONE + list(SizeClass.choices)
    )
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"),
        choices=NONE + list(OrganisationType.choices),
        error_messages={"required": _("Choose the type of organisation.")},
    )
    sectors = IsicClassesField(label=_("Sectors (ISIC Rev.4 classes)"), required=False)
    brought = forms.CharField(
        label=_("What it brought"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    screen_names = LinesField(
        label=_("Names to check the texts for"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only when the case is anonymised: the party's names, one a line (legal and trade names, "
            "its people). They are not kept: the exchange keeps a fingerprint of each, and refuses "
            "to publish while a text of the case contains one, or a person's name in part after a "
            "title or the first initial (Ms Kamau, J. Kamau)."
        ),
    )

    def __init__(
        self,
        *args: Any,
        number: int,
        countries: dict[str, Country],
        country_choices: list[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.number = number
        self.countries = countries
        country_field: Any = self.fields["country"]
        country_field.choices = country_choices

    def legend(self) -> str:
        if self.prefix and self.prefix.startswith("new-"):
            return gettext("Party %(n)d (new: leave it blank if there is none)") % {"n": self.number}
        return gettext("Party %(n)d") % {"n": self.number}

    def removed(self) -> bool:
        """Whether the edit page's "remove" box of this block was ticked."""
        return bool(self.is_bound and "remove" in self.fields and self["remove"].data)

    def clean_screen_names(self) -> list[str]:
        from interfirm.opportunities.identity import name_fingerprints

        names: list[str] = self.cleaned_data.get("screen_names") or []
        unusable = [name for name in names if not name_fingerprints([name])]
        if unusable:
            raise forms.ValidationError(
                _("Too short to be checked for: %(names)s. Give names of two letters or digits at least.")
                % {"names": ", ".join(f"“{name}”" for name in unusable)}
            )
        return names

    def clean_country(self) -> Country | None:
        code = self.cleaned_data.get("country") or ""
        return self.countries[code] if code else None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        country, group = cleaned.get("country"), cleaned.get("economy_group")
        if "country" in cleaned and not country and not group:
            self.add_error(
                "country", _("Give the party's country, or its group of countries when only that is known.")
            )
        elif country and group:
            self.add_error(
                "economy_group",
                _("Leave the group empty when the country is known: the country's own group applies."),
            )
        return cleaned

    def party_record(self) -> PartyRecord:
        data = self.cleaned_data
        return PartyRecord(
            organisation_type=data["organisation_type"],
            country=data["country"],
            economy_group=data["economy_group"],
            name=data.get("name", ""),
            description=data["description"],
            size_class=data["size_class"],
            sectors=data["sectors"],
            brought=data["brought"],
            screen_names=tuple(data.get("screen_names") or ()),
        )


def _clean_year(form: forms.Form, name: str) -> int | None:
    year: int | None = form.cleaned_data.get(name)
    if year is not None and year > datetime.date.today().year:
        raise forms.ValidationError(_("The year cannot be in the future."), code="future")
    return year


def _check_period(form: forms.Form, cleaned: dict[str, Any]) -> None:
    """Add the errors of a period whose years do not follow each other."""
    start, end = cleaned.get("period_start"), cleaned.get("period_end")
    if end is not None and "period_start" in cleaned and start is None:
        form.add_error("period_start", _("Give the first year as well."))
    elif start is not None and end is not None and end < start:
        form.add_error("period_end", _("The last year cannot be before the first."))


def _anonymised(value: str) -> bool:
    return value == "anonymised"


class CaseRecordForm(forms.Form):
    """A case recorded by an operator: its texts, its period and source, and two to six parties."""

    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    arrangement_types = forms.MultipleChoiceField(
        label=_("Arrangement types"),
        choices=ArrangementType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one arrangement type.")},
    )
    period_start = forms.IntegerField(label=_("From (year)"), required=False, min_value=EARLIEST_YEAR)
    period_end = forms.IntegerField(
        label=_("To (year)"),
        required=False,
        min_value=EARLIEST_YEAR,
        help_text=_("Leave empty if the partnership goes on."),
    )
    source_citation = forms.CharField(
        label=_("Source"),
        max_length=400,
        help_text=_("Where the case is told: a report and its paragraphs, or the programme's own files."),
    )
    anonymised = forms.TypedChoiceField(
        label=_("Names of the parties"),
        choices=[
            ("anonymised", _("Anonymised: the parties are described, never named")),
            ("named", _("Named: the parties agreed to be named, or their names are public")),
        ],
        coerce=_anonymised,
        initial="anonymised",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = datetime.date.today().year
        for name in ("period_start", "period_end"):
            self.fields[name].widget.attrs["max"] = this_year
        countries = Country.objects.in_bulk()
        choices = NONE + country_choices(countries.values())
        data = args[0] if args else kwargs.get("data")
        self.parties = [
            CasePartyForm(
                data,
                prefix=f"party-{i}",
                number=i + 1,
                countries=countries,
                country_choices=choices,
                empty_permitted=True,
                use_required_attribute=False,
            )
            for i in range(PARTY_BLOCKS)
        ]

    def clean_period_start(self) -> int | None:
        return _clean_year(self, "period_start")

    def clean_period_end(self) -> int | None:
        return _clean_year(self, "period_end")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _check_period(self, cleaned)
        anonymised = cleaned.get("anonymised", True)
        for party in self.parties:
            if party.is_valid() and anonymised and party.cleaned_data.get("name"):
                party.add_error(
                    "name",
                    _(
                        "The case is anonymised: describe the party instead of naming it (its names go "
                        "under “Names to check the texts for”), or name the parties."
                    ),
                )
            if party.is_valid() and not anonymised and party.cleaned_data.get("screen_names"):
                party.add_error(
                    "screen_names",
                    _("The case names its parties: give the name above; this is for anonymised cases."),
                )
        if len(self.filled_parties()) < MIN_PARTIES:
            self.add_error(
                None,
                gettext("Describe at least %(min)d parties (up to %(max)d); blank blocks are ignored.")
                % {"min": MIN_PARTIES, "max": PARTY_BLOCKS},
            )
        return cleaned

    def filled_parties(self) -> list[CasePartyForm]:
        return [party for party in self.parties if party.has_changed()]

    def is_valid(self) -> bool:
        valid = super().is_valid()
        return all([valid, *(party.is_valid() for party in self.parties)])

    def case_data(self) -> dict[str, Any]:
        """Return the cleaned values for ``case_record``."""
        data = {
            name: self.cleaned_data[name]
            for name in (
                "title",
                "summary",
                "arrangement_types",
                "period_start",
                "period_end",
                "source_citation",
                "anonymised",
            )
        }
        data["parties"] = [party.party_record() for party in self.filled_parties()]
        return data


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

    # What an operator also corrects in a case it recorded (a drafted case takes them from its
    # partnership, a seeded one from the report).
    RECORDED_FIELDS = ("arrangement_types", "period_start", "period_end", "source_citation")

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        recorded = case.origin == CaseOrigin.OPERATOR
        names = [*self.base_fields, *(self.RECORDED_FIELDS if recorded else ())]
        kwargs.setdefault("initial", {name: getattr(case, name) for name in names})
        super().__init__(*args, **kwargs)
        if recorded:
            for name in self.RECORDED_FIELDS:
                self.fields[name] = copy.deepcopy(CaseRecordForm.base_fields[name])
            for name in ("period_start", "period_end"):
                self.fields[name].widget.attrs["max"] = datetime.date.today().year
        self.anonymised = case.anonymised
        self.parties = list(case.parties.select_related("country").prefetch_related("sectors"))
        # A case an operator recorded: every party's facts are its own, corrected here; the parties of
        # a drafted or seeded case come from its partnership or report, only what each brought is text.
        self.party_forms: list[CasePartyForm] = []
        self.new_party_forms: list[CasePartyForm] = []
        if recorded:
            countries = Country.objects.in_bulk()
            choices = NONE + country_choices(countries.values())
            data = args[0] if args else kwargs.get("data")
            # A party none of whose fields were posted stays as it is (a client that edits the texts).
            self.party_forms = [
                CasePartyForm(
                    data
                    if data is not None and any(k.startswith(f"party-{party.pk}-") for k in data)
                    else None,
                    prefix=f"party-{party.pk}",
                    number=party.position + 1,
                    countries=countries,
                    country_choices=choices,
                    initial=party_initial(party),
                    use_required_attribute=False,
                )
                for party in self.parties
            ]
            # Blocks for more parties, up to as many as a case may have; a block left blank is ignored.
            self.new_party_forms = [
                CasePartyForm(
                    data if data is not None and any(k.startswith(f"new-{i}-") for k in data) else None,
                    prefix=f"new-{i}",
                    number=len(self.parties) + i + 1,
                    countries=countries,
                    country_choices=choices,
                    empty_permitted=True,
                    use_required_attribute=False,
                )
                for i in range(max(0, PARTY_BLOCKS - len(self.parties)))
            ]
            for form in self.new_party_forms:
                del form.fields["screen_names" if not case.anonymised else "name"]
            for party, form in zip(self.parties, self.party_forms, strict=True):
                form.fields["remove"] = forms.BooleanField(
                    label=_("Remove this party from the case"), required=False
                )
                if not case.anonymised:
                    del form.fields["screen_names"]
                    continue
                del form.fields["name"]
                form.fields["screen_names"].help_text = (
                    ngettext(
                        "The texts are checked for %(n)d name of this party (only its fingerprint is kept). "
                        "Names written here replace it; left empty, it stays.",
                        "The texts are checked for %(n)d names of this party (only their fingerprints are "
                        "kept). Names written here replace them; left empty, they stay.",
                        party.names_checked,
                    )
                    % {"n": party.names_checked}
                    if party.names_checked
                    else gettext(
                        "The party's names, one a line: the texts are checked for them before publication "
                        "(only a fingerprint of each is kept)."
                    )
                )
            return
        for party in self.parties:
            name = f"brought_{party.pk}"
            self.fields[name] = forms.CharField(
                label=_("What party %(n)d brought") % {"n": party.position + 1},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=party.brought,
            )

    def clean_period_start(self) -> int | None:
        return _clean_year(self, "period_start")

    def clean_period_end(self) -> int | None:
        return _clean_year(self, "period_end")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if "period_end" in self.fields:
            _check_period(self, cleaned)
        if self.party_forms:
            count = len(self.parties) - len(self.removed_parties()) + len(self.added_parties())
            if count < MIN_PARTIES:
                self.add_error(None, forms.ValidationError(party_count_message(), code="party_count"))
        return cleaned

    def removed_parties(self) -> list[CaseParty]:
        return [party for party, form in zip(self.parties, self.party_forms, strict=True) if form.removed()]

    def added_parties(self) -> list[CasePartyForm]:
        return [form for form in self.new_party_forms if form.is_bound and form.has_changed()]

    def is_valid(self) -> bool:
        valid = super().is_valid()
        # A block whose party is removed is not checked (what else was posted in it does not matter).
        kept = [form for form in self.party_forms if form.is_bound and not form.removed()]
        return all([valid, *(form.is_valid() for form in [*kept, *self.added_parties()])])

    def update_data(self) -> dict[str, Any]:
        names = [*CaseEditForm.base_fields, *(n for n in self.RECORDED_FIELDS if n in self.fields)]
        data = {name: self.cleaned_data[name] for name in names}
        if self.party_forms:
            data["parties"] = {
                party.pk: form.party_record()
                for party, form in zip(self.parties, self.party_forms, strict=True)
                if form.is_bound and not form.removed()
            }
            data["remove_parties"] = [party.pk for party in self.removed_parties()]
            data["add_parties"] = [form.party_record() for form in self.added_parties()]
        else:
            data["brought"] = {p.pk: self.cleaned_data[f"brought_{p.pk}"] for p in self.parties}
        return data


def party_initial(party: CaseParty) -> dict[str, Any]:
    """Return a recorded party's facts as its block of the edit page shows and posts them."""
    return {
        "name": party.name,
        "description": party.description,
        "country": party.country_id or "",
        "economy_group": party.economy_group,
        "size_class": party.size_class,
        "organisation_type": party.organisation_type,
        "sectors": ", ".join(sorted(code.code for code in party.sectors.all())),
        "brought": party.brought,
        "screen_names": "",  # never shown again (not kept); posted empty, the fingerprints stay
    }


class ConsentForm(forms.Form):
    party = forms.IntegerField(widget=forms.HiddenInput)
    named = forms.BooleanField(
        label=_("Our firm may be named in the case (otherwise it is described without its name)"),
        required=False,
    )
