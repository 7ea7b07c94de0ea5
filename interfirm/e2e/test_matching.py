"""Browser journey of matching: a firm opens its opportunity, sees a suggested partner with its reasons,
dismisses one suggestion and expresses interest from another."""

from __future__ import annotations

import re

import pytest

from interfirm.matching.models import Feedback, FeedbackKind
from interfirm.matching.services import matching_rebuild
from interfirm.testing import PASSWORD, make_firm, make_opportunity, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _sign_in(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/$"))


def test_a_firm_sees_suggested_partners_dismisses_one_and_expresses_interest_in_another(
    page, settings, tmp_path
):
    settings.MATCHING_INDEX_DIR = str(tmp_path)
    owner_user = make_user("wanjiru@mango-pulp.example")
    owner = make_firm("Mango Pulp Kenya Ltd", country="KEN", sectors=("1030",), manager=owner_user)
    request = make_opportunity(
        owner,
        title="Supplier of fruit pulping equipment sought",
        kind="request",
        domains=("production",),
        arrangement_types=("supply",),
        summary="We seek pulping and drying lines for mango.",
        description="A mango processor seeks a supplier of pulping and drying equipment.",
    )
    offers = []
    for name, country in (("Hidden Maschinen GmbH", "DEU"), ("Secret Machines Pvt Ltd", "IND")):
        firm = make_firm(name, country=country, sectors=("2829",), size_class="large")
        offers.append(
            make_opportunity(
                firm,
                title=f"Pulping and drying lines ({country})",
                kind="offer",
                domains=("production",),
                arrangement_types=("supply",),
                sectors=("2829",),
                summary="Pulping and drying equipment for mango processors.",
                description="We supply pulping and drying lines for mango and train the staff.",
            )
        )
    matching_rebuild()

    _sign_in(page, owner_user.email)
    page.goto(request.get_absolute_url())
    page.get_by_role("link", name="Suggested partners").click()
    page.wait_for_url(re.compile(r"/matching/opportunities/"))
    body = page.locator("body").inner_text()
    assert "Hidden Maschinen" not in body and "Secret Machines" not in body  # anonymous
    assert page.locator("article.suggestion").count() == len(offers)
    first = page.locator("article.suggestion").nth(0)
    first.get_by_text("Why this partner").click()
    assert "offer meets request in production" in first.inner_text()

    dismissed_title = first.locator("dd a").first.inner_text()
    first.get_by_label("Not a partner for you?").select_option("geography")
    first.get_by_role("button", name="Dismiss").click()
    page.wait_for_url(re.compile(r"/matching/opportunities/"))
    assert dismissed_title not in page.locator("body").inner_text()

    remaining = page.locator("article.suggestion").first
    remaining.get_by_role("button", name="Express interest").click()
    page.wait_for_url(re.compile(r"/introductions/express/"))
    assert Feedback.objects.filter(kind=FeedbackKind.DISMISSED).count() == 1
    assert Feedback.objects.filter(kind=FeedbackKind.INTEREST).count() == 1
