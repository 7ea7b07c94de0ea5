"""Reverse a URL once and fill it in for every row of a list (a page that links twenty suggestions in
five ways would otherwise resolve a hundred URLs)."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

# Django quotes a reversed URL's arguments with these characters left as they are.
_SAFE = "!$&'()*+,;=" + "/~:@"


def reverser(viewname: str, kwarg: str, *, numeric: bool = False) -> Callable[[object], str]:
    """Return ``value -> reverse(viewname, kwargs={kwarg: value})``, resolved once here.

    For a pattern whose only argument is ``kwarg`` (``numeric``: an ``int`` converter). Each value is
    quoted as ``reverse`` quotes it; values that could not match the converter are passed to
    ``reverse`` itself, which raises as usual.
    """
    sentinel = "9081726354" if numeric else "zqxsentinelzqx"
    url = reverse(viewname, kwargs={kwarg: int(sentinel) if numeric else sentinel})
    if url.count(sentinel) != 1:  # the sentinel occurs elsewhere in the path: resolve every time
        return lambda value: reverse(viewname, kwargs={kwarg: value})
    head, tail = url.split(sentinel)

    def fill(value: object) -> str:
        text = str(value)
        if numeric and not text.isdigit():
            return reverse(viewname, kwargs={kwarg: value})
        if not numeric and (not text or "/" in text):
            return reverse(viewname, kwargs={kwarg: value})
        return head + quote(text, safe=_SAFE) + tail

    return fill
