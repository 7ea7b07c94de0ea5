"""Browser journey of a partnership: the owner accepts an expression of interest and opens the
partnership record, the stages move to the signed agreement, both parties answer a check-in, and the
partnership is reviewed and completed — with the trust chart and its table on the page."""

from __future__ import annotations

import re

import pytest

from interfirm.introductions.services import eoi_submit
from interfirm.partnerships.models import CheckIn, Partnership
from interfirm.testing import PASSWORD, make_firm, make_opportunity, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/$"))


def _move(page, reference: str, stage: str, reason: str = "") -> None:
    page.goto(f"/partnerships/{reference}/stage/")
    page.get_by_label("New stage").select_option(stage)
    if reason:
        page.get_by_label("Reason").fill(reason)
    page.get_by_role("button", name="Change the stage").click()
    page.wait_for_url(re.compile(rf"/partnerships/{reference}/$"))


def _check_in(page, reference: str, trust: str) -> None:
    page.goto(f"/partnerships/{reference}/check-in/")
    page.get_by_label("Progress on the milestones (%)").fill("60")
    page.get_by_label("Satisfaction with the partnership").fill("4")
    page.get_by_label("Contractual trust", exact=False).fill(trust)
    page.get_by_label("Goodwill trust", exact=False).fill(trust)
    page.get_by_label("Competence trust", exact=False).fill(trust)
    page.get_by_label("Problems").fill("Customs clearance of the first vats took three weeks.")
    page.get_by_role("button", name="Send the check-in").click()
    page.wait_for_url(re.compile(rf"/partnerships/{reference}/$"))


def test_a_partnership_is_followed_from_acceptance_through_two_check_ins_to_completion(page):
    owner_user = make_user("grace@ruiru-dairy.example")
    owner = make_firm("Ruiru Dairy Cooperative Ltd", country="KEN", sectors=("1050",), manager=owner_user)
    seeker_user = make_user("jan@dutchdairytech.example")
    seeker = make_firm("Dutch Dairy Tech BV", country="NLD", sectors=("2825",), manager=seeker_user)
    request = make_opportunity(owner, title="Cheese-making technology and training wanted", kind="request")
    eoi = eoi_submit(
        actor=seeker_user,
        acting_for=seeker.organisation,
        firm=seeker,
        opportunity=request,
        message="We build small cheese lines and train operators in East Africa.",
        idempotency_key="e2e-partnership",
    )

    # 1. The owner accepts and opens the partnership record from the case.
    _sign_in(page, owner_user.email)
    page.goto(f"/introductions/{eoi.pk}/")
    page.get_by_role("button", name="Accept").click()
    page.goto(f"/introductions/{eoi.pk}/")
    page.get_by_role("button", name="Open the partnership record").click()
    page.wait_for_url(re.compile(r"/partnerships/PA[0-9A-F]{8}/$"))
    reference = Partnership.objects.get().reference
    main = page.locator("main").inner_text()
    assert "Dutch Dairy Tech BV" in main and "First contact" in main

    # 2. A skipped stage is refused with the stages that are possible; then negotiation and agreement.
    page.goto(f"/partnerships/{reference}/stage/")
    page.get_by_label("New stage").select_option("implementation")
    page.get_by_role("button", name="Change the stage").click()
    assert "It can move to: Negotiation, Failed." in page.locator("main").inner_text()
    for stage in ("negotiation", "agreement", "implementation"):
        _move(page, reference, stage)

    # 3. Each party answers a check-in; the trust chart and its table appear.
    _check_in(page, reference, "4")
    _sign_in(page, seeker_user.email)
    _check_in(page, reference, "5")
    assert CheckIn.objects.filter(submitted_at__isnull=False).count() == 2
    assert page.locator("svg[role=img]").count() == 2
    assert "The check-ins behind the charts" in page.locator("main").inner_text()

    # 4. Review, then completion with its reason.
    _move(page, reference, "review")
    _move(page, reference, "completed", reason="The cheese line runs and the operators are trained.")
    main = page.locator("main").inner_text()
    assert "Completed" in main and "The cheese line runs and the operators are trained." in main
    assert Partnership.objects.get().stage == "completed"
