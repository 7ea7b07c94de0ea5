"""Browser journey of readiness: a firm takes the default diagnostic from its dashboard, saves a draft,
resumes it, submits it, and reads its action plan."""

from __future__ import annotations

import re

import pytest

from interfirm.readiness.models import Assessment
from interfirm.testing import PASSWORD, make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_firm_takes_the_readiness_diagnostic_and_reads_its_action_plan(page):
    manager = make_user("wanjiru@amanifresh.example", full_name="Wanjiru Kamau")
    make_firm("Amani Fresh Foods Ltd", country="KEN", sectors=("1030",), manager=manager)
    make_intermediary("Kenya Quality Centre", country="KEN", services=("quality-certification",))

    page.goto("/accounts/login/")
    page.get_by_label("E-mail address").fill(manager.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/accounts/"))
    page.get_by_role("link", name="Check how partnership-ready your firm is").click()
    page.get_by_role("button", name="Start the diagnostic").click()
    page.wait_for_url(re.compile(r"/readiness/assessments/\d+/answer/"))

    # A first answer, saved as a draft and resumed.
    page.get_by_role("group", name=re.compile("Have you written down why you want a partner")).get_by_label(
        "Yes"
    ).check()
    page.get_by_role("button", name="Save and finish later").click()
    page.goto("/readiness/")
    page.get_by_role("link", name="Resume the diagnostic").click()
    assert (
        page.get_by_role("group", name=re.compile("Have you written down")).get_by_label("Yes").is_checked()
    )

    # Every other question: the first option (yes; the lowest point of each scale and choice).
    for group in page.locator("fieldset.item").all():
        radios = group.locator("input[type=radio]")
        if not group.locator("input:checked").count():
            radios.first.check()
    for field in page.locator("input[type=number]").all():
        field.fill("1")
    page.get_by_role("button", name="Submit and see the result").click()
    page.wait_for_url(re.compile(r"/readiness/assessments/\d+/$"))

    main = page.locator("main").inner_text()
    assessment = Assessment.objects.get()
    assert assessment.status == "submitted"
    assert assessment.get_level_display() in main
    assert "Your gaps and the action plan" in main
    assert "Quality systems and standards" in main
    assert "Kenya Quality Centre" in main  # offers quality and certification support in Kenya
    page.get_by_role("link", name="Printable report").click()
    assert "Partnership readiness report" in page.locator("h1").inner_text()
