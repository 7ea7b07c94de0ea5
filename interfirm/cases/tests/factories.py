"""Partnerships made directly through the ORM, for the tests of cases and insights."""

from __future__ import annotations

import datetime
from typing import Any

from interfirm.firms.models import Firm
from interfirm.partnerships.models import Partnership, PartnershipIntermediary, PartnershipParty


def make_partnership(
    *firms: Firm,
    stage: str = "completed",
    arrangement_types: tuple[str, ...] = ("licensing",),
    started_on: datetime.date = datetime.date(2024, 1, 10),
    agreement_signed_on: datetime.date | None = None,
    ended_on: datetime.date | None = None,
    intermediary: Any = None,
    title: str = "Licence partnership",
    **fields: Any,
) -> Partnership:
    partnership = Partnership.objects.create(
        title=title,
        stage=stage,
        arrangement_types=list(arrangement_types),
        agreement_types=list(arrangement_types) if agreement_signed_on else [],
        started_on=started_on,
        agreement_signed_on=agreement_signed_on,
        ended_on=ended_on,
        **fields,
    )
    for position, firm in enumerate(firms):
        PartnershipParty.objects.create(
            partnership=partnership,
            firm=firm,
            role="owner" if position == 0 else "interested",
            brings=f"What {firm.legal_name} brings",
            joined_on=started_on,
        )
    if intermediary is not None:
        PartnershipIntermediary.objects.create(partnership=partnership, intermediary=intermediary)
    return partnership
