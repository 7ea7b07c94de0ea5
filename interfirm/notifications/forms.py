"""The notification preferences form: one checkbox per topic and channel, and a mobile number for SMS."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from interfirm.notifications.models import Channel, Topic, e164_validator
from interfirm.notifications.selectors import CHANNEL_NAMES

# Spaces, dots, dashes and brackets people write in phone numbers; a leading 00 means +.
_NUMBER_PUNCTUATION = re.compile(r"[\s().\-/]")


def normalise_phone_number(raw: str) -> str:
    """Return ``raw`` without the usual punctuation, with a leading ``00`` turned into ``+``."""
    number = _NUMBER_PUNCTUATION.sub("", raw or "")
    if number.startswith("00"):
        number = "+" + number[2:]
    return number


def field_name(topic: str, channel: str) -> str:
    """Return the form field name of one topic and channel."""
    return f"{topic}__{channel}"


class PreferencesForm(forms.Form):
    """Which channels the user wants for each topic, and the number SMS go to."""

    sms_number = forms.CharField(
        label=_("Mobile number for SMS"),
        required=False,
        max_length=30,
        help_text=_("In international format, with the country code, e.g. +254 712 345 678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        channel_labels = dict(Channel.choices)
        for topic, topic_label in Topic.choices:
            for channel in CHANNEL_NAMES:
                self.fields[field_name(topic, channel)] = forms.BooleanField(
                    required=False,
                    label=_("%(channel)s for: %(topic)s")
                    % {"channel": channel_labels[channel], "topic": topic_label},
                )

    @staticmethod
    def initial_for(choices: dict[str, dict[str, bool]], sms_number: str) -> dict[str, Any]:
        """Return the form's initial data from the user's current preferences."""
        initial: dict[str, Any] = {"sms_number": sms_number}
        for topic, channels in choices.items():
            for channel in CHANNEL_NAMES:
                initial[field_name(topic, channel)] = channels[channel]
        return initial

    def clean_sms_number(self) -> str:
        number = normalise_phone_number(self.cleaned_data.get("sms_number", ""))
        if number:
            e164_validator(number)
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        wants_sms = any(cleaned.get(field_name(topic, "sms")) for topic in Topic.values)
        if wants_sms and not cleaned.get("sms_number") and "sms_number" not in self.errors:
            self.add_error(
                "sms_number",
                ValidationError(
                    _("Enter a mobile number to receive SMS, or untick the SMS boxes."),
                    code="required_for_sms",
                ),
            )
        return cleaned

    def choices(self) -> dict[str, dict[str, bool]]:
        """Return ``{topic: {channel: bool}}`` from the valid form."""
        return {
            topic: {
                channel: bool(self.cleaned_data.get(field_name(topic, channel))) for channel in CHANNEL_NAMES
            }
            for topic in Topic.values
        }

    def rows(self) -> list[dict[str, Any]]:
        """Return one row per topic with its bound fields, for the table on the page."""
        return [
            {"label": label, "fields": [self[field_name(topic, channel)] for channel in CHANNEL_NAMES]}
            for topic, label in Topic.choices
        ]
