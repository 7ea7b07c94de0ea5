"""The instruments API: public list and detail, eligibility for the acting firm."""

from __future__ import annotations

import pytest

from interfirm.instruments.models import InstrumentKind, SupportInstrument
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def grant(personas):
    return SupportInstrument.objects.create(
        slug="ldc-grant",
        name="LDC cost-sharing grant",
        kind=InstrumentKind.COST_SHARING_GRANT,
        provider=personas.chamber,
        ldc_only=True,
    )


def test_the_list_and_detail_are_public(client, grant):
    listed = client.get("/api/instruments/").json()
    assert [i["slug"] for i in listed] == ["ldc-grant"]
    detail = client.get("/api/instruments/ldc-grant").json()
    assert detail["rules"] == ["Only firms in least developed countries."]
    assert client.get("/api/instruments/unknown").status_code == 404


def test_eligibility_names_the_rules_for_the_acting_firm(personas, grant):
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    [result] = client.get("/api/instruments/eligibility").json()
    assert result["may_qualify"] is False
    assert result["checks"] == [
        {"rule": "ldc", "met": False, "reason": "Only for firms in least developed countries."}
    ]


def test_eligibility_needs_a_firm(client, personas, grant):
    assert client.get("/api/instruments/eligibility").status_code == 401
    chamber = client_for(personas.chamber_staff, personas.chamber.organisation)
    assert chamber.get("/api/instruments/eligibility").status_code == 404
