"""Test helpers of notifications: representations, and SMS backends that fail or succeed on demand."""

from __future__ import annotations

import datetime

from interfirm.firms.models import ConsentMethod, Firm, Representation
from interfirm.intermediaries.models import Intermediary


def represent(firm: Firm, intermediary: Intermediary, *, contact_channel: bool = True) -> Representation:
    """Return an active representation of ``firm`` by ``intermediary``."""
    return Representation.objects.create(
        firm=firm,
        intermediary=intermediary,
        is_contact_channel=contact_channel,
        consent_method=ConsentMethod.SIGNED_FORM,
        consent_given_on=datetime.date(2026, 1, 15),
        consent_given_by="The owner",
    )


class GatewayDown(Exception):
    pass


class FailingSmsBackend:
    """An SMS gateway that is down."""

    def send(self, *, to: str, body: str) -> None:
        raise GatewayDown("gateway unreachable")
