"""Forms of introductions. They validate; the services assume valid input.

Until an expression is accepted the two sides are anonymous to each other, so a text written before
acceptance must not name the writer's own firm: the forms refuse one that does and say what was found.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from interfirm.firms.models import Firm
from interfirm.introductions.models import DeclineReason, Side

MESSAGE_MIN = 20
MESSAGE_MAX = 4000
NOTE_MAX = 2000


def identity_found_in(text: str, firm: Firm) -> list[str]:
    """Return the pieces of ``text`` that name or contact ``firm`` (names, website, e-mail, phone)."""
    from interfirm.opportunities.identity import identity_flags_in, identity_terms

    return [flag["found"] for flag in identity_flags_in({"text": text}, identity_terms(firm))]


def identity_error(found: list[str]) -> str:
    return str(
        _(
            "Your firm stays anonymous until the owner accepts: remove what identifies it (%(found)s). "
            "You will see each other's contacts after acceptance."
        )
        % {"found": ", ".join(f"“{piece}”" for piece in found)}
    )


def new_idempotency_key() -> str:
    """Return a fresh key for one rendering of the form: a resubmitted form makes one expression."""
    return uuid.uuid4().hex


class ExpressInterestForm(forms.Form):
    """What an interested firm brings. An intermediary also chooses the firm it acts for."""

    firm = forms.ModelChoiceField(
        label=_("Firm you act for"),
        queryset=Firm.objects.none(),
        help_text=_("A firm your organisation represents."),
    )
    message = forms.CharField(
        label=_("What your firm brings"),
        min_length=MESSAGE_MIN,
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Say what your firm offers the owner and why a partnership would work. Do not name your firm: "
            "identities are exchanged only if the owner accepts."
        ),
    )
    idempotency_key = forms.CharField(widget=forms.HiddenInput, max_length=100)

    def __init__(
        self, *args: Any, firm: Firm | None = None, portfolio: list[Firm] | None = None, **kwargs: Any
    ):
        """``firm``: the acting firm (firm users); ``portfolio``: the firms an intermediary may act for."""
        super().__init__(*args, **kwargs)
        self.acting_firm = firm
        if firm is not None:
            del self.fields["firm"]
        else:
            field = self.fields["firm"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Firm.objects.filter(pk__in=[f.pk for f in portfolio or []]).order_by(
                "legal_name"
            )
        if not self.is_bound:
            self.initial.setdefault("idempotency_key", new_idempotency_key())

    def chosen_firm(self) -> Firm:
        """Return the firm the expression is for (after validation)."""
        if self.acting_firm is not None:
            return self.acting_firm
        return self.cleaned_data["firm"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        firm = self.acting_firm or cleaned.get("firm")
        message = cleaned.get("message")
        if firm is not None and message:
            found = identity_found_in(message, firm)
            if found:
                self.add_error("message", identity_error(found))
        return cleaned


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=DeclineReason.choices)
    note = forms.CharField(
        label=_("Note to the interested firm (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, own_firm: Firm | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.own_firm = own_firm

    def clean_note(self) -> str:
        note: str = self.cleaned_data.get("note", "")
        if note and self.own_firm is not None:
            found = identity_found_in(note, self.own_firm)
            if found:
                raise forms.ValidationError(identity_error(found))
        return note


class MessageForm(forms.Form):
    """A message to the other side. Before acceptance it must not name the writer's firm."""

    body = forms.CharField(
        label=_("Your message"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    side = forms.ChoiceField(label=_("Write for"), choices=Side.choices, required=False)

    def __init__(
        self,
        *args: Any,
        own_firms: dict[str, Firm] | None = None,
        anonymous: bool = True,
        **kwargs: Any,
    ):
        """``own_firms``: the writer's firm by side; ``anonymous``: whether identities are still hidden."""
        super().__init__(*args, **kwargs)
        self.own_firms = own_firms or {}
        self.anonymous = anonymous
        if len(self.own_firms) < 2:
            del self.fields["side"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        body = cleaned.get("body")
        if not body or not self.anonymous:
            return cleaned
        side = cleaned.get("side") or (next(iter(self.own_firms)) if len(self.own_firms) == 1 else "")
        firm = self.own_firms.get(side)
        if firm is not None:
            found = identity_found_in(body, firm)
            if found:
                self.add_error("body", identity_error(found))
        return cleaned

    def chosen_side(self) -> str | None:
        return self.cleaned_data.get("side") or None
