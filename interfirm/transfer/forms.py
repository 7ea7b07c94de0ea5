"""The upload form of the import page."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interfirm.firms.models import ConsentMethod
from interfirm.transfer.models import ImportKind
from interfirm.transfer.validation import Consent


class DateInput(forms.DateInput):
    input_type = "date"


class ImportForm(forms.Form):
    """A file to import, its kind, whether to try it first, and the consent on file for the firms."""

    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(
        label=_("File"),
        help_text=_("CSV saved as UTF-8, or an Excel workbook (.xlsx, first sheet)."),
    )
    dry_run = forms.BooleanField(
        label=_("Dry run: check the file and report, change nothing"), required=False, initial=True
    )
    skip_bad = forms.BooleanField(
        label=_("Import the good lines even if some lines are bad"),
        required=False,
        help_text=_("Without it, a file with a bad line is not imported at all."),
    )
    submit = forms.BooleanField(
        label=_("Send the imported opportunities for review"),
        required=False,
        help_text=_("Otherwise they are imported as drafts. Nothing is published without review."),
    )
    consent_method = forms.ChoiceField(
        label=_("Consent on file: how the firms consented"),
        choices=[("", "—"), *ConsentMethod.choices],
        required=False,
        help_text=_(
            "For firms whose line has no consent columns: how they consented to your acting for them."
        ),
    )
    consent_given_on = forms.DateField(label=_("Consent on file: date"), required=False, widget=DateInput)
    consent_given_by = forms.CharField(
        label=_("Consent on file: given by"),
        max_length=200,
        required=False,
        help_text=_("For example: the firms' directors, on the programme's membership form."),
    )

    def __init__(self, *args: Any, intermediary: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not intermediary:
            # Only intermediaries act for firms with consent, and submit for review.
            for name in ("submit", "consent_method", "consent_given_on", "consent_given_by"):
                del self.fields[name]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.TRANSFER_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB: split it into smaller files."),
                params={"size": settings.TRANSFER_MAX_UPLOAD_BYTES // (1024 * 1024) or 1},
            )
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "consent_method" not in self.fields:
            return data
        method, given_on = data.get("consent_method"), data.get("consent_given_on")
        if method and not given_on and "consent_given_on" not in self.errors:
            self.add_error("consent_given_on", _("Give the date of the consent on file."))
        if given_on and not method:
            self.add_error("consent_method", _("Say how the firms consented."))
        if given_on and given_on > timezone.localdate():
            self.add_error("consent_given_on", _("The date of consent cannot be in the future."))
        return data

    def consent(self) -> Consent | None:
        """Return the consent on file given on the form, if any."""
        method = self.cleaned_data.get("consent_method")
        given_on: datetime.date | None = self.cleaned_data.get("consent_given_on")
        if not method or given_on is None:
            return None
        return Consent(
            method=method,
            given_on=given_on,
            given_by=self.cleaned_data.get("consent_given_by") or str(_("Recorded in the source database")),
        )


def consent_to_options(consent: Consent | None) -> dict[str, str]:
    """Return a consent as JSON-friendly options (kept with an upload for its import)."""
    if consent is None:
        return {}
    return {"method": consent.method, "given_on": consent.given_on.isoformat(), "given_by": consent.given_by}


def consent_from_options(options: dict[str, Any]) -> Consent | None:
    if not options.get("method"):
        return None
    return Consent(
        method=options["method"],
        given_on=datetime.date.fromisoformat(options["given_on"]),
        given_by=options.get("given_by", ""),
    )
