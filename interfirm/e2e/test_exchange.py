"""Browser journey of the exchange: a firm publishes a request, an intermediary reviews and publishes
it, another firm finds it by search and expresses interest, the owner accepts, both see each other."""

from __future__ import annotations

import datetime
import re

import pytest

from interfirm.accounts.models import Role
from interfirm.firms.models import ContactPerson
from interfirm.opportunities.models import Opportunity, Status
from interfirm.testing import PASSWORD, add_member, make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/$"))


def test_a_request_is_reviewed_found_answered_and_accepted(page):
    owner_user = make_user("grace@ruiru-dairy.example")
    owner = make_firm("Ruiru Dairy Cooperative Ltd", country="KEN", sectors=("1050",), manager=owner_user)
    ContactPerson.objects.create(
        firm=owner, name="Grace Wambui", email="grace@ruiru-dairy.example", is_primary=True
    )
    reviewer = make_user("review@kenyachamber.example")
    chamber = make_intermediary("Kenya Chamber", country="KEN")
    add_member(reviewer, chamber.organisation, Role.MANAGER)
    seeker_user = make_user("jan@dutchdairytech.example")
    seeker = make_firm("Dutch Dairy Tech BV", country="NLD", sectors=("2825",), manager=seeker_user)
    ContactPerson.objects.create(
        firm=seeker, name="Jan de Vries", email="jan@dutchdairytech.example", is_primary=True
    )

    # 1. The dairy publishes a request (a draft, then submitted for review).
    _sign_in(page, owner_user.email)
    page.goto("/opportunities/new/")
    page.get_by_label("Request").check()
    page.get_by_label("Technology", exact=True).check()
    page.locator("#id_title").fill("Cheese-making technology and training wanted")
    page.locator("#id_summary").fill(
        "A dairy cooperative seeks know-how to make hard cheese from surplus milk."
    )
    page.locator("#id_description").fill(
        "Our members deliver 20 000 litres of milk a day; in the rainy season a third is surplus. We seek a "
        "partner to license cheese-making processes, supply vats and presses, and train our staff."
    )
    page.get_by_label("Licensing").check()
    page.locator("#id_sectors").fill("1050")
    page.locator("#id_deadline").fill((datetime.date.today() + datetime.timedelta(days=120)).isoformat())
    page.get_by_role("button", name="Save the draft").click()
    page.get_by_role("button", name="Submit for review").click()
    opportunity = Opportunity.objects.get(title="Cheese-making technology and training wanted")
    assert opportunity.status == Status.SUBMITTED

    # 2. The chamber reviews it and it is published.
    _sign_in(page, reviewer.email)
    page.goto("/opportunities/review/")
    page.get_by_role("link", name=re.compile("Cheese-making")).first.click()
    page.goto(f"/opportunities/{opportunity.reference}/review/")
    for criterion in ("clarity", "innovation", "cooperation", "language"):
        page.locator(f"input[name={criterion}][value='4']").check()
    page.get_by_role("button", name="Save the review").click()
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED

    # 3. A Dutch firm finds it by searching and expresses interest; it sees no identity yet.
    _sign_in(page, seeker_user.email)
    page.goto("/search/")
    page.locator("#id_q").fill("cheese")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_role("link", name=re.compile("Cheese-making technology")).first.click()
    assert "Ruiru" not in page.locator("main").inner_text()
    page.get_by_role("link", name="Express interest").click()
    page.locator("#id_message").fill("We build small cheese lines and train operators in East Africa.")
    page.get_by_role("button", name="Send the expression of interest").click()
    page.wait_for_url(re.compile(r"/introductions/\d+/"))
    case_url = re.sub(r"^https?://[^/]+", "", page.url)
    assert "Ruiru" not in page.locator("main").inner_text()

    # 4. The dairy accepts; now both sides see each other's identity and contacts.
    _sign_in(page, owner_user.email)
    page.goto(case_url)
    assert "Dutch Dairy Tech" not in page.locator("main").inner_text()
    page.get_by_role("button", name="Accept").click()
    page.goto(case_url)
    owner_view = page.locator("main").inner_text()
    assert "Dutch Dairy Tech BV" in owner_view
    assert "jan@dutchdairytech.example" in owner_view

    _sign_in(page, seeker_user.email)
    page.goto(case_url)
    seeker_view = page.locator("main").inner_text()
    assert "Ruiru Dairy Cooperative Ltd" in seeker_view
    assert "grace@ruiru-dairy.example" in seeker_view
