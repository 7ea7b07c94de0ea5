"""Browser journeys of the foundation: a firm signs up and fills its profile; an intermediary
registers a firm that has no internet access for its portfolio."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail

from interfirm.accounts.models import OrganisationKind, Role
from interfirm.firms.models import Firm, Representation
from interfirm.testing import PASSWORD, add_member, make_intermediary, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_a_firm_signs_up_fills_its_profile_and_sees_it(page):
    page.goto("/")
    page.get_by_role("link", name="Register your firm").first.click()
    page.get_by_label("Your e-mail address").fill("grace@nyotatextiles.example")
    page.get_by_label("Your full name").fill("Grace Achieng")
    page.get_by_label("Legal name of the firm").fill("Nyota Textiles Ltd")
    page.get_by_label("Country where the firm is registered").select_option("KEN")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    page.wait_for_url(re.compile(r"/accounts/signup/done/"))

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm/\S+/", str(mail.outbox[0].body))
    assert link is not None
    page.goto(re.sub(r"^https?://[^/]+", "", link.group(0)))
    page.get_by_role("button", name="Confirm and sign in").click()
    page.wait_for_url(re.compile(r"/accounts/"))

    page.goto("/firms/mine/edit/")
    page.locator("#id_city").fill("Thika")
    page.locator("#id_employees").fill("35")
    page.locator("#id_sectors").fill("1313, 1410")
    page.locator("#id_description").fill("Weaves and dyes cotton fabric and sews school uniforms.")
    page.locator("#id_technologies").fill("Rapier looms, reactive dyeing")
    page.get_by_role("button", name="Save the profile").click()

    page.goto("/firms/mine/")
    assert page.get_by_role("heading", level=1).inner_text() == "Nyota Textiles Ltd"
    body = page.locator("main").inner_text()
    assert "Thika" in body
    assert "Rapier looms, reactive dyeing" in body
    firm = Firm.objects.get(legal_name="Nyota Textiles Ltd")
    assert (firm.size_class, sorted(firm.sectors.values_list("code", flat=True))) == (
        "small",
        ["1313", "1410"],
    )

    # The public, anonymous view of the same profile shows the capabilities, not the identity.
    page.context.clear_cookies()
    page.goto(f"/firms/{firm.reference}/")
    public = page.locator("main").inner_text()
    assert "Rapier looms, reactive dyeing" in public
    assert "Nyota" not in public
    assert "Thika" not in public


def test_an_intermediary_registers_a_firm_for_its_portfolio(page):
    staff = make_user("otieno@kenyachamber.example")
    chamber = make_intermediary("Kenya National Chamber of Commerce", country="KEN")
    add_member(staff, chamber.organisation, Role.MANAGER)
    assert chamber.organisation.kind == OrganisationKind.INTERMEDIARY

    _sign_in(page, "otieno@kenyachamber.example")
    page.goto("/firms/register/")
    page.locator("#id_legal_name").fill("Kisumu Fish Processors Ltd")
    page.locator("#id_country").select_option("KEN")
    page.locator("#id_city").fill("Kisumu")
    page.locator("#id_sectors").fill("1020")
    page.locator("#id_employees").fill("12")
    page.locator("#id_description").fill("Fillets and freezes Nile perch for export.")
    page.get_by_label("How the firm gave its consent").select_option("signed_form")
    page.get_by_label("Consent given on").fill(
        (datetime.date.today() - datetime.timedelta(days=1)).isoformat()
    )
    page.get_by_label("Consent given by (name and position)").fill("Peter Odhiambo, owner")
    page.get_by_role("button", name="Register the firm").click()

    page.goto("/firms/portfolio/")
    assert "Kisumu Fish Processors Ltd" in page.locator("main").inner_text()
    representation = Representation.objects.get(firm__legal_name="Kisumu Fish Processors Ltd")
    assert (representation.intermediary_id, representation.consent_given_by) == (
        chamber.pk,
        "Peter Odhiambo, owner",
    )
