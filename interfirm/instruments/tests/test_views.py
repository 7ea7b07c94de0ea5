"""Support instrument pages: the public list (no firm data), the firm's eligibility page, managing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interfirm.accounts.models import Role
from interfirm.audit.models import AuditEntry
from interfirm.instruments.models import InstrumentKind, SupportInstrument
from interfirm.testing import add_member, client_for, make_intermediary, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def loan(personas):
    return SupportInstrument.objects.create(
        slug="sme-loan",
        name="SME partnership loan",
        kind=InstrumentKind.CONCESSIONAL_LOAN,
        provider=personas.chamber,
        size_classes=["small", "medium"],
        amount_min=10000,
        amount_max=250000,
        currency="USD",
    )


def test_the_public_list_shows_open_instruments_to_anyone(client, loan):
    page = client.get(reverse("instruments:index")).content.decode()
    assert "SME partnership loan" in page and "10,000–250,000 USD" in page


def test_the_public_detail_lists_the_rules(client, loan):
    page = client.get(reverse("instruments:detail", args=["sme-loan"])).content.decode()
    assert "Firm sizes: Medium, Small." in page


def test_the_detail_offers_the_eligibility_check_only_to_whom_it_opens(client, personas, loan):
    detail, eligible = reverse("instruments:detail", args=["sme-loan"]), reverse("instruments:eligible")
    link = f'href="{eligible}"'
    assert link in client.get(detail).content.decode()  # a visitor: signing in as a firm leads there
    firm = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert link in firm.get(detail).content.decode() and firm.get(eligible).status_code == 200
    for viewer in (
        client_for(personas.chamber_staff, personas.chamber.organisation),
        client_for(personas.operator_user),
    ):
        assert link not in viewer.get(detail).content.decode()
        assert viewer.get(eligible).status_code == 404


def test_a_closed_instrument_is_not_found(client, loan):
    loan.is_active = False
    loan.save()
    assert client.get(reverse("instruments:detail", args=["sme-loan"])).status_code == 404


def test_a_firm_sees_what_it_may_qualify_for_with_the_rules_it_meets(personas, loan):
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    page = client.get(reverse("instruments:eligible")).content.decode()
    assert "SME partnership loan" in page and "Of a size the instrument covers." in page
    large = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    page = large.get(reverse("instruments:eligible")).content.decode()
    assert "Not for your firm as it stands" in page and "Only for firms of size: Medium, Small." in page


def test_the_eligibility_page_is_for_firms_only(personas):
    assert (
        client_for(personas.chamber_staff, personas.chamber.organisation)
        .get(reverse("instruments:eligible"))
        .status_code
        == 404
    )


def test_an_intermediary_adds_an_instrument_as_its_own_provider(personas):
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = client.post(
        reverse("instruments:create"),
        {"name": "Study tour to Germany", "kind": "study_tour", "is_active": "on", "isic_prefixes": "C, 10"},
    )
    assert response.status_code == 302
    instrument = SupportInstrument.objects.get()
    assert (instrument.provider, instrument.isic_prefixes) == (personas.chamber, ["C", "10"])
    assert AuditEntry.objects.filter(action="instruments.create").count() == 1


def test_an_unknown_sector_is_refused_naming_the_field(personas):
    client = client_for(personas.chamber_staff, personas.chamber.organisation)
    response = client.post(
        reverse("instruments:create"), {"name": "X", "kind": "training", "isic_prefixes": "ZZ9"}
    )
    assert response.status_code == 422 and "Unknown ISIC Rev.4 code: ZZ9." in response.content.decode()


def test_an_intermediary_cannot_edit_another_provider_s_instrument(personas, loan):
    staff = make_user()
    other = make_intermediary("Other Chamber", country="KEN")
    add_member(staff, other.organisation, Role.MANAGER)
    client = client_for(staff, other.organisation)
    assert client.get(reverse("instruments:edit", args=["sme-loan"])).status_code == 404
    assert "SME partnership loan" not in client.get(reverse("instruments:manage")).content.decode()


def test_an_operator_manages_every_instrument(personas, loan):
    from interfirm.accounts.models import Membership

    operator_org = Membership.objects.get(user=personas.operator_user).organisation
    client = client_for(personas.operator_user, operator_org)
    response = client.post(
        reverse("instruments:edit", args=["sme-loan"]),
        {"name": "SME loan", "kind": "concessional_loan", "provider": personas.chamber.pk, "is_active": "on"},
    )
    assert response.status_code == 302
    loan.refresh_from_db()
    assert loan.name == "SME loan"


def test_firms_cannot_manage_instruments(personas):
    client = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert client.get(reverse("instruments:manage")).status_code == 404
    assert client.get(reverse("instruments:create")).status_code == 404


def test_the_public_list_names_no_firm(client, personas, loan):
    page = client.get(reverse("instruments:index")).content.decode()
    assert "Amani" not in page and "Rheinwerk" not in page
