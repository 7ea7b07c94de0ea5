"""``lib.urls.reverser``: the same URLs as ``reverse``, resolved once."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse
from hypothesis import given
from hypothesis import strategies as st

from interfirm.lib.urls import reverser


@given(st.integers(min_value=0, max_value=10**12))
def test_a_numeric_argument_gives_the_url_reverse_gives(pk):
    assert reverser("matching:save", "pk", numeric=True)(pk) == reverse("matching:save", kwargs={"pk": pk})


@given(st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="/"), min_size=1))
def test_a_text_argument_is_quoted_as_reverse_quotes_it(reference):
    expected = reverse("opportunities:detail", kwargs={"reference": reference})
    assert reverser("opportunities:detail", "reference")(reference) == expected


def test_a_value_the_converter_refuses_raises_as_reverse_does():
    with pytest.raises(NoReverseMatch):
        reverser("matching:save", "pk", numeric=True)("not-a-number")
    with pytest.raises(NoReverseMatch):
        reverser("opportunities:detail", "reference")("")
