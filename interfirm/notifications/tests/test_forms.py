from __future__ import annotations

import pytest

from interfirm.notifications.forms import PreferencesForm, normalise_phone_number
from interfirm.notifications.models import Topic


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("+254 712-345-678", "+254712345678"), ("0049 (203) 1234567", "+492031234567"), ("", "")],
)
def test_phone_numbers_lose_their_punctuation(raw, expected):
    assert normalise_phone_number(raw) == expected


@pytest.mark.parametrize(
    "number", ["0712345678", "+0712345678", "+25471", "+2547123456789012", "+254-abc-345"]
)
def test_a_number_not_in_international_format_is_refused(number):
    form = PreferencesForm({"sms_number": number})

    assert not form.is_valid()
    assert form.has_error("sms_number", code="e164")


def test_sms_ticked_without_a_number_asks_for_one():
    form = PreferencesForm({f"{Topic.MESSAGE}__sms": "on", "sms_number": ""})

    assert not form.is_valid()
    assert form.errors["sms_number"] == ["Enter a mobile number to receive SMS, or untick the SMS boxes."]


def test_a_valid_form_gives_the_choices_per_topic():
    form = PreferencesForm(
        {f"{Topic.MESSAGE}__sms": "on", f"{Topic.MESSAGE}__inbox": "on", "sms_number": "+254712345678"}
    )

    assert form.is_valid()
    assert form.choices()[Topic.MESSAGE] == {"inbox": True, "email": False, "sms": True}
    assert form.choices()[Topic.DEADLINE] == {"inbox": False, "email": False, "sms": False}
    assert form.cleaned_data["sms_number"] == "+254712345678"
