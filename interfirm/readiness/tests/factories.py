"""Helpers of the readiness tests: answering the default instrument."""

from __future__ import annotations

from typing import Any

from interfirm.readiness.content import version_content
from interfirm.readiness.models import Assessment, InstrumentVersion, ItemKind
from interfirm.readiness.selectors import published_version
from interfirm.readiness.services import assessment_save_answers, assessment_start, assessment_submit


def default_version() -> InstrumentVersion:
    version = published_version()
    assert version is not None
    return version


def full_answers(assessment: Assessment, *, strong: bool = True) -> dict[str, Any]:
    """Return an answer to every item asked: the best answers, or the weakest."""
    answers: dict[str, Any] = {}
    for item in version_content(assessment.version).asked(list(assessment.variants)):
        if item.kind == ItemKind.YES_NO:
            answers[item.code] = "yes" if strong else "no"
        elif item.kind == ItemKind.SCALE:
            answers[item.code] = item.scale_max if strong else 0
        elif item.kind == ItemKind.CHOICE:
            answers[item.code] = item.choices[-1]["value"] if strong else item.choices[0]["value"]
        elif item.kind == ItemKind.NUMBER:
            answers[item.code] = float(item.target or 1) if strong else 0
        else:
            answers[item.code] = "ISO 9001 certificate 4711" if strong else ""
    return answers


def submitted_assessment(
    firm: Any, user: Any = None, *, strong: bool = True, answers: dict | None = None
) -> Assessment:
    """Return a submitted assessment of ``firm`` with the default instrument."""
    version = published_version()
    assert version is not None
    assessment = assessment_start(actor=user, acting_for=firm.organisation, firm=firm, version=version)
    assessment_save_answers(
        actor=user,
        acting_for=firm.organisation,
        assessment=assessment,
        answers=answers if answers is not None else full_answers(assessment, strong=strong),
    )
    return assessment_submit(actor=user, acting_for=firm.organisation, assessment=assessment)
