"""Similar cases, ranked on a hand-made set."""

from __future__ import annotations

import pytest
from django.utils import timezone

from interfirm.cases.facets import case_refresh_facets
from interfirm.cases.models import Case, CaseOrigin, CaseParty, CaseStatus
from interfirm.cases.selectors import similar_cases
from interfirm.sectors.models import IsicCode

pytestmark = pytest.mark.django_db


def _case(title, *, parties, arrangements, status=CaseStatus.PUBLISHED):
    case = Case.objects.create(
        origin=CaseOrigin.OPERATOR,
        title=title,
        summary="s",
        arrangement_types=list(arrangements),
        status=status,
        published_at=timezone.now(),
    )
    for position, (country, sector) in enumerate(parties):
        party = CaseParty.objects.create(
            case=case, position=position, country_id=country, organisation_type="firm"
        )
        party.sectors.set(IsicCode.objects.filter(code=sector))
    case_refresh_facets(case)
    case.save()
    return case


@pytest.fixture
def hand_made(db):
    Case.objects.all().delete()
    return {
        # same class, same arrangement, same corridor: 3 + 2 + 2
        "best": _case(
            "Fruit licence North-South",
            parties=[("KEN", "1030"), ("DEU", "2829")],
            arrangements=["licensing"],
        ),
        # same group (103x → 1030 vs 1040 is another group; 1079 same division): division 1.5 + arrangement 2
        "division": _case(
            "Food South-South", parties=[("KEN", "1079"), ("ETH", "1079")], arrangements=["licensing"]
        ),
        # same section only, corridor: 1 + 2
        "section": _case(
            "Textiles North-South", parties=[("IND", "1410"), ("FRA", "1410")], arrangements=["supply"]
        ),
        # nothing in common: left out
        "none": _case(
            "Banking North-North",
            parties=[("FRA", "6419"), ("DEU", "6419")],
            arrangements=["equity_investment"],
        ),
        # a draft is never suggested
        "draft": _case(
            "Draft twin",
            parties=[("KEN", "1030"), ("DEU", "2829")],
            arrangements=["licensing"],
            status=CaseStatus.DRAFT,
        ),
    }


def test_cases_are_ranked_by_sector_arrangement_and_corridor(hand_made):
    found = similar_cases(
        sectors=["1030"], arrangement_types=["licensing"], countries=["KEN", "DEU"], limit=5
    )
    assert [(s.case.title, s.score) for s in found] == [
        ("Fruit licence North-South", 7.0),
        ("Food South-South", 3.5),
        ("Textiles North-South", 3.0),
    ]


def test_each_suggestion_says_why(hand_made):
    best = similar_cases(sectors=["1030"], arrangement_types=["licensing"], countries=["KEN", "DEU"])[0]
    assert best.reasons == (
        "same ISIC class (1030)",
        "same arrangement: Licensing",
        "same corridor: North-South",
    )


def test_the_limit_cuts_the_list(hand_made):
    assert (
        len(
            similar_cases(
                sectors=["1030"], arrangement_types=["licensing"], countries=["KEN", "DEU"], limit=1
            )
        )
        == 1
    )


def test_with_one_country_a_corridor_of_its_bloc_scores_one(hand_made):
    found = similar_cases(sectors=[], arrangement_types=[], countries=["KEN"], limit=5)
    assert {s.case.title: s.score for s in found} == {
        "Fruit licence North-South": 1.0,
        "Food South-South": 1.0,
        "Textiles North-South": 1.0,
    }
