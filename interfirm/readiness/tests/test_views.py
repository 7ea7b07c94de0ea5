"""The readiness pages: starting, answering (drafts, bad answers), the result with its action plan,
the report, validation by an intermediary, the history chart, and who may see what."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interfirm.accounts.models import Role
from interfirm.firms.models import Representation
from interfirm.readiness.models import Assessment, AssessmentStatus, Source
from interfirm.readiness.tests.factories import full_answers, submitted_assessment
from interfirm.testing import add_member, client_for, make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db


def _amani(personas):
    return client_for(personas.amani_manager, personas.kenyan_sme.organisation)


def _chamber(personas):
    return client_for(personas.chamber_staff, personas.chamber.organisation)


def _post_answers(client, assessment, answers, action="save"):
    data = {f"item-{code}": value for code, value in answers.items()}
    data[action] = "1"
    return client.post(reverse("readiness:answer", args=[assessment.pk]), data)


def _represent(firm, intermediary):
    import datetime

    Representation.objects.create(
        firm=firm,
        intermediary=intermediary,
        consent_method="signed_form",
        consent_given_on=datetime.date(2026, 1, 5),
        consent_given_by="The manager",
    )


def test_a_firm_starts_a_diagnostic_and_lands_on_the_questions(personas):
    response = _amani(personas).post(reverse("readiness:start"))
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "readiness:answer", args=[assessment.pk]
    )
    assert (assessment.firm, assessment.source, assessment.status) == (
        personas.kenyan_sme,
        Source.SELF,
        "draft",
    )


def test_starting_again_resumes_the_open_draft(personas):
    client = _amani(personas)
    client.post(reverse("readiness:start"))
    client.post(reverse("readiness:start"))
    assert Assessment.objects.count() == 1


def test_a_partial_draft_is_saved_and_shown_again(personas):
    client = _amani(personas)
    client.post(reverse("readiness:start"))
    assessment = Assessment.objects.get()
    response = _post_answers(client, assessment, {"motives-written": "yes", "quality-control": "3"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.answers == {"motives-written": "yes", "quality-control": 3}
    page = client.get(reverse("readiness:answer", args=[assessment.pk])).content.decode()
    assert 'name="item-motives-written" id="item-motives-written-1" value="yes" checked' in page
    assert "2 of 36 items answered" in page


def test_evidence_erased_on_the_page_is_taken_back_and_items_not_posted_keep_theirs(personas):
    client = _amani(personas)
    client.post(reverse("readiness:start"))
    assessment = Assessment.objects.get()
    _post_answers(client, assessment, {"quality-certificate": "ISO 9001 no. 1234", "motives-written": "yes"})
    assessment.refresh_from_db()
    assert assessment.answers["quality-certificate"] == "ISO 9001 no. 1234"

    response = _post_answers(client, assessment, {"quality-certificate": "  "})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.answers == {"motives-written": "yes"}  # the radio group not posted keeps its answer
    page = client.get(reverse("readiness:answer", args=[assessment.pk])).content.decode()
    assert "ISO 9001 no. 1234" not in page
    assert "1 of 36 items answered" in page


def test_an_invalid_answer_is_refused_naming_the_item(personas):
    client = _amani(personas)
    client.post(reverse("readiness:start"))
    assessment = Assessment.objects.get()
    response = _post_answers(client, assessment, {"quality-control": "9", "motives-written": "yes"})
    assert response.status_code == 422
    assert (
        "Item quality-control (“How systematic is your quality control?”): Choose a whole number from 0 to 4."
        in (response.content.decode())
    )
    assessment.refresh_from_db()
    assert assessment.answers == {"motives-written": "yes"}


def test_submitting_with_items_unanswered_names_them(personas):
    client = _amani(personas)
    client.post(reverse("readiness:start"))
    assessment = Assessment.objects.get()
    response = _post_answers(client, assessment, {"motives-written": "yes"}, action="submit")
    assert response.status_code == 422
    assert (
        "Item quality-control (“How systematic is your quality control?”) needs an answer."
        in response.content.decode()
    )
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT


def test_submitting_every_answer_shows_the_level_gaps_and_action_plan(personas):
    chamber = personas.chamber  # covers Kenya, offers partner search and diagnosis
    client = _amani(personas)
    client.post(reverse("readiness:start"))
    assessment = Assessment.objects.get()
    answers = full_answers(assessment, strong=False)
    response = _post_answers(client, assessment, answers, action="submit")
    assert response["Location"] == reverse("readiness:detail", args=[assessment.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Not yet ready" in page and "overall score 0.0 out of 100" in page
    assert "Your gaps and the action plan" in page
    assert "Write down in one page why you want a partner" in page
    assert chamber.name in page  # offers diagnosis: closes the motives gap


def test_the_printable_report_carries_the_result(personas):
    assessment = submitted_assessment(personas.kenyan_sme, strong=False)
    page = _amani(personas).get(reverse("readiness:report", args=[assessment.pk])).content.decode()
    assert "Partnership readiness report" in page and "How systematic is your quality control?" in page


def test_another_firm_gets_404_for_the_assessment_and_its_report(personas):
    assessment = submitted_assessment(personas.kenyan_sme)
    other = client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation)
    for name in ("readiness:detail", "readiness:report", "readiness:answer"):
        assert other.get(reverse(name, args=[assessment.pk])).status_code == 404
    assert other.get(reverse("readiness:history", args=[personas.kenyan_sme.reference])).status_code == 404


def test_an_intermediary_not_representing_the_firm_gets_404(personas):
    assessment = submitted_assessment(personas.kenyan_sme)
    assert _chamber(personas).get(reverse("readiness:detail", args=[assessment.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, personas):
    assessment = submitted_assessment(personas.kenyan_sme)
    for url in (
        reverse("readiness:index"),
        reverse("readiness:detail", args=[assessment.pk]),
        reverse("readiness:report", args=[assessment.pk]),
        reverse("readiness:history", args=[personas.kenyan_sme.reference]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_intermediary_guides_a_diagnosis_of_a_firm_in_its_country(personas):
    client = _chamber(personas)
    response = client.post(reverse("readiness:start"), {"reference": personas.kenyan_sme.reference})
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert (assessment.source, assessment.guided_by) == (Source.GUIDED, personas.chamber)
    assert _post_answers(client, assessment, full_answers(assessment), action="submit").status_code == 302
    page = _amani(personas).get(reverse("readiness:detail", args=[assessment.pk])).content.decode()
    assert "Guided by an intermediary" in page and "Experienced partner" in page


def test_an_intermediary_cannot_guide_a_firm_outside_its_countries(personas):
    response = _chamber(personas).post(
        reverse("readiness:start"), {"reference": personas.german_manufacturer.reference}
    )
    assert response.status_code == 404


def test_a_representing_intermediary_validates_the_assessment(personas):
    _represent(personas.kenyan_sme, personas.chamber)
    assessment = submitted_assessment(personas.kenyan_sme)
    client = _chamber(personas)
    assert (
        "Validate after a visit"
        in client.get(reverse("readiness:detail", args=[assessment.pk])).content.decode()
    )
    response = client.post(
        reverse("readiness:validate", args=[assessment.pk]), {"note": "Visited the plant."}
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.source, assessment.validated_by, assessment.validation_note) == (
        Source.VALIDATED,
        personas.chamber,
        "Visited the plant.",
    )


def test_validation_needs_a_note(personas):
    _represent(personas.kenyan_sme, personas.chamber)
    assessment = submitted_assessment(personas.kenyan_sme)
    response = _chamber(personas).post(reverse("readiness:validate", args=[assessment.pk]), {"note": ""})
    assert response.status_code == 422


def test_a_firm_cannot_validate_its_own_assessment(personas):
    assessment = submitted_assessment(personas.kenyan_sme)
    assert (
        _amani(personas).post(reverse("readiness:validate", args=[assessment.pk]), {"note": "x"}).status_code
        == 404
    )


def test_another_intermediary_cannot_validate(personas):
    assessment = submitted_assessment(personas.kenyan_sme)
    staff = make_user()
    other = make_intermediary("Other Chamber", country="KEN")
    add_member(staff, other.organisation, Role.MANAGER)
    response = client_for(staff, other.organisation).post(
        reverse("readiness:validate", args=[assessment.pk]), {"note": "x"}
    )
    assert response.status_code == 404


def test_the_history_shows_progress_as_a_chart_with_the_numbers_in_a_table(personas):
    submitted_assessment(personas.kenyan_sme, strong=False)
    submitted_assessment(personas.kenyan_sme, strong=True)
    page = (
        _amani(personas)
        .get(reverse("readiness:history", args=[personas.kenyan_sme.reference]))
        .content.decode()
    )
    assert '<svg role="img" aria-labelledby="history-chart-title"' in page
    assert "Readiness score by dimension, 2 assessments, oldest lightest" in page
    assert "<td>0.0</td><td>100.0</td>" in page


def test_the_firm_overview_shows_the_current_level(personas):
    submitted_assessment(personas.kenyan_sme)
    page = _amani(personas).get(reverse("readiness:index")).content.decode()
    assert "Experienced partner" in page and "Assess your firm again" in page


def test_the_intermediary_overview_lists_the_firms_it_represents(personas):
    _represent(personas.kenyan_sme, personas.chamber)
    page = _chamber(personas).get(reverse("readiness:index")).content.decode()
    assert "Amani Fresh" in page and "Guide a diagnosis" in page


def test_a_user_of_no_organisation_gets_404_on_the_overview(personas):
    assert client_for(make_user()).get(reverse("readiness:index")).status_code == 404


def test_a_stranger_never_sees_the_firm_name_on_a_guided_assessment(personas):
    firm = make_firm("Zqcanary Foods Ltd", country="KEN", trade_name="Zqcanarytrade")
    client = _chamber(personas)
    client.post(reverse("readiness:start"), {"reference": firm.reference})
    assessment = Assessment.objects.get(firm=firm)
    page = client.get(reverse("readiness:answer", args=[assessment.pk])).content.decode()
    assert firm.reference in page
    assert "zqcanary" not in page.lower()


def test_the_result_links_to_the_instruments_a_reader_may_open(personas):
    # The firm's own eligibility page answers only a firm: an intermediary reading a portfolio
    # firm's result is sent to the list of every instrument instead.
    from interfirm.instruments.models import InstrumentKind, SupportInstrument

    SupportInstrument.objects.create(
        slug="sme-loan",
        name="SME partnership loan",
        kind=InstrumentKind.CONCESSIONAL_LOAN,
        provider=personas.chamber,
        size_classes=["small", "medium"],
    )
    _represent(personas.kenyan_sme, personas.chamber)
    assessment = submitted_assessment(personas.kenyan_sme)
    client = _chamber(personas)
    page = client.get(reverse("readiness:detail", args=[assessment.pk])).content.decode()
    assert "SME partnership loan" in page
    assert f'href="{reverse("instruments:index")}"' in page
    assert client.get(reverse("instruments:index")).status_code == 200
