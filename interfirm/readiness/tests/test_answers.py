"""Each kind of answer is checked the same way on the page and in the API; a bad one is refused with
what is expected, never taken for something else."""

from __future__ import annotations

from decimal import Decimal

import pytest

from interfirm.readiness.answers import clean_answer
from interfirm.readiness.models import Item, ItemKind

pytestmark = pytest.mark.django_db


def _number(number_max: str | None = None) -> Item:
    return Item(
        code="n",
        text="n",
        kind=ItemKind.NUMBER,
        number_max=None if number_max is None else Decimal(number_max),
    )


@pytest.mark.parametrize(
    "value,message",
    [
        ("NaN", "Give a number."),
        ("Infinity", "Give a number."),
        ("1e999", "Give a number from 0 to 1000000000."),
        ("a lot", "Give a number."),
        ("-1", "Give a number of 0 or more."),
        ("99999999999999999999", "Give a number from 0 to 1000000000."),
        (True, "Give a number."),
    ],
)
def test_a_bad_number_gets_the_message_that_fits(value, message):
    with pytest.raises(ValueError) as refusal:
        clean_answer(_number(), value)
    assert str(refusal.value) == message


def test_a_share_in_per_cent_stops_at_100():
    item = _number("100")
    assert clean_answer(item, "100") == 100.0
    assert clean_answer(item, "12,5") == 12.5
    with pytest.raises(ValueError) as refusal:
        clean_answer(item, "150")
    assert str(refusal.value) == "Give a number from 0 to 100."


def test_the_default_instrument_caps_its_share_of_staff_trained(personas):
    from interfirm.readiness.tests.factories import default_version

    item = default_version().items.get(code="skills-trained")
    assert item.number_max == 100
    assert default_version().items.get(code="preparation-partners").number_max is None
