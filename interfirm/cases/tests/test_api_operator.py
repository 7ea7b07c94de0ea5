"""The operator's workflow for best-practice cases in the API: record a case, read and list the drafts,
edit one, publish it — with the pages' rules, the pages' access, and no firm named where the pages
would not name it."""

from __future__ import annotations

import copy
import datetime
from typing import Any

import pytest
from django.test import Client

from interfirm.accounts.api_auth import hash_token, new_token_secret
from interfirm.accounts.models import ApiToken
from interfirm.audit.models import AuditEntry
from interfirm.cases.api import DraftPatchIn
from interfirm.cases.loaders import _stored_party_rows
from interfirm.cases.models import Case, CaseConsent, CaseOrigin, CaseParty, CaseStatus
from interfirm.cases.services import (
    EDITABLE_FIELDS,
    RECORDED_FIELDS,
    case_consent_give,
    case_draft_from_partnership,
)
from interfirm.cases.tests.factories import make_partnership
from interfirm.partnerships.models import PartnershipParty
from interfirm.testing import client_for, make_firm, make_intermediary, make_user

pytestmark = pytest.mark.django_db

BASE = "/api/cases"
TITLE = "Drying lines for a fruit processor in East Africa"
CANARY = "Zyxcanary Holdings Ltd"


def _payload(**changes: Any) -> dict[str, Any]:
    """Return a valid record: a German and a Kenyan firm, and a university known only as "in developed
    countries"; ``changes`` replace top-level keys (None drops one)."""
    data: dict[str, Any] = {
        "title": TITLE,
        "summary": "A machinery maker supplied and adapted solar drying lines; the processor doubled exports.",
        "arrangement_types": ["supply", "technical_cooperation"],
        "period_start": 2019,
        "period_end": 2022,
        "source_citation": "Programme files, mission report of March 2023",
        "parties": [
            {
                "organisation_type": "firm",
                "country": "DEU",
                "description": "A machinery maker in Germany",
                "size_class": "large",
                "sectors": ["2829"],
                "brought": "Drying lines and training",
            },
            {
                "organisation_type": "firm",
                "country": "KEN",
                "description": "A fruit processor in Kenya",
                "size_class": "small",
                "sectors": ["1030", "1079"],
                "brought": "Knowledge of the regional market",
            },
            {"organisation_type": "research", "economy_group": "developed"},
        ],
    }
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def _with_party(index: int, **changes: Any) -> dict[str, Any]:
    """Return the valid record with party ``index`` changed (None drops a key)."""
    data = _payload()
    parties = copy.deepcopy(data["parties"])
    for name, value in changes.items():
        if value is None:
            parties[index].pop(name, None)
        else:
            parties[index][name] = value
    data["parties"] = parties
    return data


def _post(client: Client, url: str, body: Any = None) -> Any:
    return client.post(url, body if body is not None else {}, content_type="application/json")


def _patch(client: Client, url: str, body: Any) -> Any:
    return client.patch(url, body, content_type="application/json")


def _fields(response: Any) -> dict[str, str]:
    return {e["field"]: e["message"] for e in response.json()["errors"]}


def _draft_url(case: Case) -> str:
    return f"{BASE}/drafts/{case.reference}"


@pytest.fixture
def operator(personas) -> Client:
    return client_for(personas.operator_user, personas.operator_user.memberships.get().organisation)


@pytest.fixture
def recorded(operator) -> Case:
    response = _post(operator, f"{BASE}/record", _payload())
    assert response.status_code == 201, response.content
    return Case.objects.get(reference=response.json()["reference"])


@pytest.fixture
def completed(personas):
    """A completed German–Ethiopian partnership followed by the Kenyan chamber, the Ethiopian firm a
    canary whose name must not leak."""
    canary_user = make_user("boss@zyxcanary.example")
    canary = make_firm(CANARY, country="ETH", size_class="small", sectors=("1030",), manager=canary_user)
    partnership = make_partnership(
        personas.german_manufacturer,
        canary,
        started_on=datetime.date(2023, 2, 1),
        agreement_signed_on=datetime.date(2023, 5, 1),
        ended_on=datetime.date(2025, 3, 1),
        intermediary=personas.chamber,
        title=f"{CANARY} and Rheinwerk licence",
    )
    return partnership, canary, canary_user


def _drafted(personas, partnership, *, named: bool = False) -> Case:
    for party in partnership.parties.all():
        case_consent_give(
            actor=personas.operator_user, acting_for=None, partnership=partnership, party=party, named=named
        )
    return case_draft_from_partnership(actor=personas.operator_user, acting_for=None, partnership=partnership)


# Recording ------------------------------------------------------------------------------------------


def test_an_operator_records_a_case_and_gets_the_draft_back(personas, operator):
    response = _post(operator, f"{BASE}/record", _payload())
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get(title=TITLE)
    assert body["reference"] == case.reference
    assert (body["status"], body["origin"], body["anonymised"]) == ("draft", "operator", True)
    assert (case.status, case.origin, case.anonymised, case.created_by) == (
        CaseStatus.DRAFT,
        CaseOrigin.OPERATOR,
        True,
        personas.operator_user,
    )
    assert (body["period_start"], body["period_end"], body["arrangement_types"]) == (
        2019,
        2022,
        ["supply", "technical_cooperation"],
    )
    assert [
        (p["label"], p["named"], p["country"], p["economy_group"], p["sectors"]) for p in body["parties"]
    ] == [
        ("A machinery maker in Germany", False, "DEU", "", ["2829"]),
        ("A fruit processor in Kenya", False, "KEN", "", ["1030", "1079"]),
        ("University or research institute, Developed economy", False, "", "developed", []),
    ]
    assert (body["corridor"], body["corridors"]) == ("north_south", ["north_south", "north_north"])
    assert body["editable_fields"] == [*EDITABLE_FIELDS, *RECORDED_FIELDS]
    assert body["identity_flags"] == []
    assert _stored_party_rows(case)[2] == (2, "", "", None, "developed", "", "research", (), "")
    entry = AuditEntry.objects.get(action="case.record")
    assert (entry.object_id, entry.actor, entry.changes) == (
        str(case.pk),
        personas.operator_user,
        {"anonymised": True, "parties": 3, "names checked": 0},
    )

    read = operator.get(_draft_url(case))
    assert read.status_code == 200
    assert read.json() == body
    listed = operator.get(f"{BASE}/drafts").json()
    assert [r["reference"] for r in listed["results"]] == [case.reference]
    assert listed["count"] == 1
    assert listed["results"][0]["status"] == "draft"


def test_a_drafts_offset_out_of_range_answers_422_naming_it(operator):
    response = operator.get(f"{BASE}/drafts", {"offset": str(10**23)})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (422, "offset")


def test_the_party_a_page_would_shorten_keeps_its_order_and_a_lowercase_country_is_understood(operator):
    response = _post(operator, f"{BASE}/record", _with_party(1, country="ken"))
    assert response.status_code == 201
    assert [p["country"] for p in response.json()["parties"]] == ["DEU", "KEN", ""]
    assert [p["position"] for p in response.json()["parties"]] == [0, 1, 2]


def test_a_named_case_keeps_the_parties_names(operator):
    data = _payload(anonymised=False)
    data["parties"][0]["name"] = "Rheinwerk Maschinenbau GmbH"
    data["parties"][1]["name"] = "Amani Fresh"
    response = _post(operator, f"{BASE}/record", data)
    assert response.status_code == 201
    assert [(p["label"], p["named"]) for p in response.json()["parties"]][:2] == [
        ("Rheinwerk Maschinenbau GmbH", True),
        ("Amani Fresh", True),
    ]
    assert [p.name for p in Case.objects.get(title=TITLE).parties.all()] == [
        "Rheinwerk Maschinenbau GmbH",
        "Amani Fresh",
        "",
    ]


def test_an_operator_records_with_an_api_token(personas):
    secret = new_token_secret()
    ApiToken.objects.create(
        user=personas.operator_user,
        organisation=personas.operator_user.memberships.get().organisation,
        name="script",
        prefix=secret[:8],
        key_hash=hash_token(secret),
    )
    client = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    response = _post(client, f"{BASE}/record", _payload())
    assert response.status_code == 201
    assert client.get(f"{BASE}/drafts").json()["count"] == 1


def _seven_parties() -> dict[str, Any]:
    data = _payload()
    data["parties"] = [{"organisation_type": "firm", "country": "KEN"}] * 7
    return data


def _one_party() -> dict[str, Any]:
    data = _payload()
    data["parties"] = data["parties"][:1]
    return data


THIS_YEAR = datetime.date.today().year

BAD_INPUT = [
    ("one party", _one_party, "parties", "A case has 2 to 6 parties."),
    ("seven parties", _seven_parties, "parties", "A case has 2 to 6 parties."),
    ("no title", lambda: _payload(title=None), "title", "Field required"),
    ("empty title", lambda: _payload(title=""), "title", "This field is required."),
    (
        "no arrangement",
        lambda: _payload(arrangement_types=[]),
        "arrangement_types",
        "Choose at least one arrangement type.",
    ),
    (
        "unknown arrangement",
        lambda: _payload(arrangement_types=["barter"]),
        "arrangement_types",
        "Select a valid choice. barter is not one of the available choices.",
    ),
    (
        "period ends before it starts",
        lambda: _payload(period_start=2022, period_end=2019),
        "period_end",
        "The last year cannot be before the first.",
    ),
    (
        "year in the future",
        lambda: _payload(period_end=THIS_YEAR + 1),
        "period_end",
        "The year cannot be in the future.",
    ),
    (
        "end without a start",
        lambda: _payload(period_start=None),
        "period_start",
        "Give the first year as well.",
    ),
    ("year not a number", lambda: _payload(period_start="soon"), "period_start", None),
    (
        "unknown country",
        lambda: _with_party(1, country="XXX"),
        "parties.1.country",
        "Unknown country: choose one from the list.",
    ),
    (
        "neither country nor group",
        lambda: _with_party(1, country=None),
        "parties.1.country",
        "Give the party's country, or its group of countries when only that is known.",
    ),
    (
        "country and group",
        lambda: _with_party(1, economy_group="developing"),
        "parties.1.economy_group",
        "Leave the group empty when the country is known: the country's own group applies.",
    ),
    (
        "unknown sector",
        lambda: _with_party(1, sectors=["1030", "9999"]),
        "parties.1.sectors",
        "Unknown ISIC Rev.4 code: 9999.",
    ),
    (
        "a section, not a class",
        lambda: _with_party(0, sectors=["C"]),
        "parties.0.sectors",
        "Not ISIC classes (give the four-digit class codes): C.",
    ),
    (
        "no organisation type",
        lambda: _with_party(1, organisation_type=""),
        "parties.1.organisation_type",
        "Choose the type of organisation.",
    ),
    (
        "organisation type missing",
        lambda: _with_party(1, organisation_type=None),
        "parties.1.organisation_type",
        "Field required",
    ),
    ("unknown size", lambda: _with_party(0, size_class="giant"), "parties.0.size_class", None),
    (
        "name on an anonymised case",
        lambda: _with_party(0, name="Rheinwerk Maschinenbau GmbH"),
        "parties.0.name",
        "The case is anonymised: describe the party instead of naming it (its names go under "
        "“Names to check the texts for”), or name the parties.",
    ),
    (
        "a blank party is not dropped",
        lambda: _with_party(2, organisation_type="", economy_group=None),
        "parties.2.organisation_type",
        "Choose the type of organisation.",
    ),
    ("a field the record does not have", lambda: _payload(status="published"), "status", None),
]


@pytest.mark.parametrize("make,field,message", [b[1:] for b in BAD_INPUT], ids=[b[0] for b in BAD_INPUT])
def test_bad_input_answers_422_naming_the_field_and_stores_nothing(operator, make, field, message):
    cases, parties, audits = Case.objects.count(), CaseParty.objects.count(), AuditEntry.objects.count()
    response = _post(operator, f"{BASE}/record", make())
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["detail"] == "invalid input"
    fields = _fields(response)
    assert field in fields, body
    if message is not None:
        assert fields[field] == message
    assert (Case.objects.count(), CaseParty.objects.count(), AuditEntry.objects.count()) == (
        cases,
        parties,
        audits,
    )


def test_every_bad_field_is_named_at_once(operator):
    data = _with_party(1, country="XXX", sectors=["9999"])
    data["title"] = ""
    response = _post(operator, f"{BASE}/record", data)
    assert response.status_code == 422
    assert set(_fields(response)) == {"title", "parties.1.country", "parties.1.sectors"}


# Who may -------------------------------------------------------------------------------------------


def _clients(personas) -> dict[str, Client]:
    return {
        "firm member": client_for(personas.amani_manager, personas.kenyan_sme.organisation),
        "intermediary": client_for(personas.chamber_staff, personas.chamber.organisation),
        "analyst": client_for(personas.analyst_user, personas.analyst_user.memberships.get().organisation),
    }


def _calls(case: Case) -> dict[str, Any]:
    url = _draft_url(case)
    return {
        "record": lambda c: _post(c, f"{BASE}/record", _payload(title="Another case")),
        "drafts": lambda c: c.get(f"{BASE}/drafts"),
        "draft": lambda c: c.get(url),
        "edit": lambda c: _patch(c, url, {"title": "Taken over"}),
        "publish": lambda c: _post(c, f"{url}/publish"),
    }


ENDPOINTS = ["record", "drafts", "draft", "edit", "publish"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("who", ["firm member", "intermediary", "analyst"])
def test_anyone_but_an_operator_gets_404_and_changes_nothing(personas, recorded, who, endpoint):
    client = _clients(personas)[who]
    before = (Case.objects.count(), AuditEntry.objects.count())
    response = _calls(recorded)[endpoint](client)
    assert response.status_code == 404
    assert "Drying lines" not in response.content.decode()
    assert (Case.objects.count(), AuditEntry.objects.count()) == before
    recorded.refresh_from_db()
    assert (recorded.title, recorded.status) == (TITLE, CaseStatus.DRAFT)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_caller_without_credentials_gets_401_as_everywhere_in_the_api(client, recorded, endpoint):
    before = (Case.objects.count(), AuditEntry.objects.count())
    response = _calls(recorded)[endpoint](client)
    assert response.status_code == 401
    assert "Drying lines" not in response.content.decode()
    assert (Case.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("body", [{}, {"title": 5, "parties": "none"}])
def test_recording_answers_404_to_a_non_operator_and_401_anonymously_whatever_the_body(
    personas, client, body
):
    # Access is decided before the body is read: a caller the page turns away learns nothing of
    # what the endpoint expects (the operator gets the 422 naming the fields).
    secret = new_token_secret()
    firm = personas.kenyan_sme.organisation
    ApiToken.objects.create(
        user=personas.amani_manager,
        organisation=firm,
        name="s",
        prefix=secret[:8],
        key_hash=hash_token(secret),
    )
    strangers = [*_clients(personas).values(), Client(HTTP_AUTHORIZATION=f"Bearer {secret}")]
    for stranger in strangers:
        response = _post(stranger, f"{BASE}/record", body)
        assert (response.status_code, response.json()) == (404, {"detail": "not found"})
    assert _post(client, f"{BASE}/record", body).status_code == 401
    for stranger in strangers:  # the drafts' paging is read after access too
        assert stranger.get(f"{BASE}/drafts", {"offset": "-1"}).status_code == 404
    assert _post(Client(HTTP_AUTHORIZATION="Bearer ifm_wrong"), f"{BASE}/record", body).status_code == 401
    operator = client_for(personas.operator_user, personas.operator_user.memberships.get().organisation)
    assert _post(operator, f"{BASE}/record", body).status_code == 422
    assert Case.objects.filter(origin=CaseOrigin.OPERATOR).count() == 0


def test_an_unknown_draft_answers_404_to_the_operator(operator):
    assert operator.get(f"{BASE}/drafts/CSNOTHERE").status_code == 404
    assert _patch(operator, f"{BASE}/drafts/CSNOTHERE", {"title": "x"}).status_code == 404
    assert _post(operator, f"{BASE}/drafts/CSNOTHERE/publish").status_code == 404


@pytest.mark.parametrize("endpoint", ["draft", "edit", "publish"])
def test_a_partys_firm_and_another_intermediary_get_404_on_a_partnerships_draft(
    personas, completed, endpoint
):
    # A party sees the draft on its page (``case_get_for_user``), but neither edits nor publishes it:
    # the API's draft is the edit page's, so a party gets 404 like any stranger.
    partnership, canary, canary_user = completed
    case = _drafted(personas, partnership)
    other = make_intermediary("Addis Chamber", country="ETH", staff=make_user("staff@addis.example"))
    for client in (
        client_for(canary_user, canary.organisation),
        client_for(personas.rheinwerk_manager, personas.german_manufacturer.organisation),
        client_for(other.organisation.memberships.get().user, other.organisation),
    ):
        assert _calls(case)[endpoint](client).status_code == 404
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DRAFT


def test_the_partnerships_intermediary_edits_and_publishes_its_draft_as_on_the_pages(personas, completed):
    partnership, _canary, _user = completed
    case = _drafted(personas, partnership)
    chamber = client_for(personas.chamber_staff, personas.chamber.organisation)
    assert chamber.get(_draft_url(case)).status_code == 200
    assert _patch(chamber, _draft_url(case), {"lessons": ["Start small"]}).status_code == 200
    published = _post(chamber, f"{_draft_url(case)}/publish")
    assert (published.status_code, published.json()["status"]) == (200, "published")
    # Recording and the operator's list of drafts stay the operator's.
    assert chamber.get(f"{BASE}/drafts").status_code == 404
    assert _post(chamber, f"{BASE}/record", _payload()).status_code == 404


# Editing -------------------------------------------------------------------------------------------


def test_the_operator_edits_the_texts_the_period_and_what_a_party_brought(personas, operator, recorded):
    parties = list(recorded.parties.all())
    response = _patch(
        operator,
        _draft_url(recorded),
        {
            "summary": "Solar drying lines, adapted to local power.",
            "lessons": ["Adapt the equipment to local power", "  ", "Train the operators"],
            "arrangement_types": ["supply"],
            "period_start": 2018,
            "parties": [{"id": parties[1].pk, "brought": "Its buyers in the region"}],
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["lessons"] == ["Adapt the equipment to local power", "Train the operators"]
    assert [p["brought"] for p in body["parties"]] == [
        "Drying lines and training",
        "Its buyers in the region",
        "",
    ]
    recorded.refresh_from_db()
    assert (recorded.title, recorded.summary, recorded.arrangement_types, recorded.period_start) == (
        TITLE,
        "Solar drying lines, adapted to local power.",
        ["supply"],
        2018,
    )
    assert recorded.period_end == 2022  # not given, kept
    changes = AuditEntry.objects.filter(action="case.update").get().changes
    assert set(changes) == {"summary", "lessons", "arrangement_types", "period_start", "party 1"}
    # The party's other facts stay as they were.
    assert _stored_party_rows(recorded)[1] == (
        1,
        "",
        "A fruit processor in Kenya",
        "KEN",
        "",
        "small",
        "firm",
        ("1030", "1079"),
        "Its buyers in the region",
    )


def test_the_operator_corrects_a_recorded_party_and_the_facets_follow(operator, recorded):
    parties = list(recorded.parties.all())
    response = _patch(
        operator,
        _draft_url(recorded),
        {"parties": [{"id": parties[0].pk, "country": "bra", "sectors": ["2825"], "size_class": "medium"}]},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["parties"][0]["country"], body["parties"][0]["sectors"]) == ("BRA", ["2825"])
    assert body["corridor"] == "south_south"
    assert body["editable_party_fields"] == [
        "description",
        "country",
        "economy_group",
        "size_class",
        "organisation_type",
        "sectors",
        "brought",
        "screen_names",
    ]
    recorded.refresh_from_db()
    assert " cty:BRA " in recorded.facets and " cty:DEU " not in recorded.facets
    assert _stored_party_rows(recorded)[0][1:] == (
        "",
        "A machinery maker in Germany",
        "BRA",
        "",
        "medium",
        "firm",
        ("2825",),
        "Drying lines and training",
    )


def test_a_named_recorded_case_corrects_a_partys_name(operator):
    data = _payload(anonymised=False)
    data["parties"][0]["name"] = "Rheinwerk"
    draft = _post(operator, f"{BASE}/record", data).json()
    assert "name" in draft["editable_party_fields"]
    assert "screen_names" not in draft["editable_party_fields"]
    first = draft["parties"][0]["id"]
    response = _patch(
        operator,
        f"{BASE}/drafts/{draft['reference']}",
        {"parties": [{"id": first, "name": "Rheinwerk GmbH"}]},
    )
    assert response.status_code == 200
    assert response.json()["parties"][0]["label"] == "Rheinwerk GmbH"


def test_an_ongoing_period_is_cleared_with_null(operator, recorded):
    response = _patch(operator, _draft_url(recorded), {"period_end": None})
    assert (response.status_code, response.json()["period_end"]) == (200, None)


@pytest.mark.parametrize(
    "body,field,message",
    [
        ({"period_start": 2023}, "period_end", "The last year cannot be before the first."),
        ({"title": ""}, "title", "This field is required."),
        ({"title": None}, "title", "This field is required."),
        ({"period_end": THIS_YEAR + 1}, "period_end", "The year cannot be in the future."),
        ({"arrangement_types": ["barter"]}, "arrangement_types", None),
        ({"summary": "x" * 2001}, "summary", None),
        ({"parties": [{"id": 0, "brought": "x"}]}, "parties.0.id", "Not a party of this case."),
        ({"status": "published"}, "status", None),
        ({"anonymised": False}, "anonymised", None),
    ],
    ids=[
        "period",
        "empty title",
        "null title",
        "future",
        "arrangement",
        "too long",
        "party",
        "status",
        "anonymised",
    ],
)
def test_a_bad_edit_answers_422_naming_the_field_and_changes_nothing(
    operator, recorded, body, field, message
):
    response = _patch(operator, _draft_url(recorded), body)
    assert response.status_code == 422, response.content
    fields = _fields(response)
    assert field in fields
    if message is not None:
        assert fields[field] == message
    before = recorded.updated_at
    recorded.refresh_from_db()
    assert (recorded.title, recorded.period_start, recorded.period_end, recorded.anonymised) == (
        TITLE,
        2019,
        2022,
        True,
    )
    assert recorded.updated_at == before
    assert not AuditEntry.objects.filter(action="case.update").exists()


PARTY_EDITS = [
    ("brought too long", 2, {"brought": "x" * 2001}, "brought", None),
    ("unknown country", 1, {"country": "XXX"}, "country", "Unknown country: choose one from the list."),
    (
        "country and group",
        1,
        {"economy_group": "developing"},
        "economy_group",
        "Leave the group empty when the country is known: the country's own group applies.",
    ),
    (
        "neither country nor group",
        2,
        {"economy_group": None},
        "country",
        "Give the party's country, or its group of countries when only that is known.",
    ),
    ("unknown sector", 0, {"sectors": ["9999"]}, "sectors", "Unknown ISIC Rev.4 code: 9999."),
    (
        "no organisation type",
        0,
        {"organisation_type": ""},
        "organisation_type",
        "Choose the type of organisation.",
    ),
    (
        "name on an anonymised case",
        0,
        {"name": "Rheinwerk Maschinenbau GmbH"},
        "name",
        "The case is anonymised: its parties are described, never named.",
    ),
]


@pytest.mark.parametrize(
    "index,body,field,message", [e[1:] for e in PARTY_EDITS], ids=[e[0] for e in PARTY_EDITS]
)
def test_a_bad_party_edit_is_named_by_its_place_in_the_request(
    operator, recorded, index, body, field, message
):
    rows = _stored_party_rows(recorded)
    parties = list(recorded.parties.all())
    # The bad party comes second in the request, after a good one: the error names its place there.
    other, party = parties[(index + 1) % 3], parties[index]
    body = {"summary": "Changed", "parties": [{"id": other.pk, "brought": "ok"}, {"id": party.pk, **body}]}
    response = _patch(operator, _draft_url(recorded), body)
    assert response.status_code == 422, response.content
    fields = _fields(response)
    assert f"parties.1.{field}" in fields, fields
    if message is not None:
        assert fields[f"parties.1.{field}"] == message
    assert not any(name.startswith("parties.0") for name in fields)
    assert _stored_party_rows(recorded) == rows
    recorded.refresh_from_db()
    assert recorded.summary != "Changed"


def test_a_party_given_twice_or_unknown_is_refused(operator, recorded):
    party = recorded.parties.all()[0]
    twice = _patch(
        operator, _draft_url(recorded), {"parties": [{"id": party.pk}, {"id": party.pk, "brought": "x"}]}
    )
    assert _fields(twice) == {"parties.1.id": "This party is given twice."}
    other = _payload(title="Another")
    foreign = Case.objects.get(reference=_post(operator, f"{BASE}/record", other).json()["reference"])
    stranger = _patch(
        operator, _draft_url(recorded), {"parties": [{"id": foreign.parties.all()[0].pk, "brought": "x"}]}
    )
    assert _fields(stranger) == {"parties.0.id": "Not a party of this case."}
    assert foreign.parties.all()[0].brought == "Drying lines and training"


def test_what_a_partnerships_party_brought_is_edited_but_nothing_else_of_it(personas, operator, completed):
    partnership, _canary, _user = completed
    case = _drafted(personas, partnership)
    first, second = case.parties.all()
    assert operator.get(_draft_url(case)).json()["editable_party_fields"] == ["brought"]
    refused = _patch(
        operator, _draft_url(case), {"parties": [{"id": second.pk, "country": "KEN", "brought": "x"}]}
    )
    assert refused.status_code == 422
    assert _fields(refused) == {
        "parties.0.country": "The parties of this case come from its partnership or report."
    }
    assert Case.objects.get(pk=case.pk).parties.get(pk=second.pk).country_id == "ETH"
    response = _patch(operator, _draft_url(case), {"parties": [{"id": second.pk, "brought": "Its orchards"}]})
    assert response.status_code == 200
    assert [p["brought"] for p in response.json()["parties"]] == ["", "Its orchards"]
    too_long = _patch(operator, _draft_url(case), {"parties": [{"id": first.pk, "brought": "x" * 2001}]})
    assert "parties.0.brought" in _fields(too_long)


def test_the_period_of_a_partnerships_case_is_refused_naming_the_field(personas, operator, completed):
    partnership, _canary, _user = completed
    case = _drafted(personas, partnership)
    response = _patch(operator, _draft_url(case), {"period_start": 1990, "summary": "Changed"})
    assert response.status_code == 422
    assert _fields(response) == {
        "period_start": "The period, arrangement and source of this case come from its partnership or report."
    }
    case.refresh_from_db()
    assert case.period_start == 2023
    assert case.summary != "Changed"
    assert operator.get(_draft_url(case)).json()["editable_fields"] == list(EDITABLE_FIELDS)


def test_a_published_case_cannot_be_edited(operator, recorded):
    assert _post(operator, f"{_draft_url(recorded)}/publish").status_code == 200
    response = _patch(operator, _draft_url(recorded), {"title": "Changed"})
    assert response.status_code == 409
    assert response.json()["detail"] == "A published case cannot be edited here."
    assert Case.objects.get(pk=recorded.pk).title == TITLE


def test_the_patch_schema_is_what_the_service_edits():
    assert set(DraftPatchIn.model_fields) == {
        *EDITABLE_FIELDS,
        *RECORDED_FIELDS,
        "parties",
        "add_parties",
        "remove_parties",
    }


# Publishing ----------------------------------------------------------------------------------------


def test_the_operator_publishes_and_the_case_becomes_public(client, personas, operator, recorded):
    assert recorded.reference not in client.get(f"{BASE}/").content.decode()
    response = _post(operator, f"{_draft_url(recorded)}/publish")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["published_at"] is not None) == ("published", True)
    recorded.refresh_from_db()
    assert (recorded.status, recorded.published_by) == (CaseStatus.PUBLISHED, personas.operator_user)
    assert AuditEntry.objects.filter(action="case.publish", object_id=str(recorded.pk)).exists()
    public = client.get(f"{BASE}/{recorded.reference}")
    assert public.status_code == 200
    assert [p["label"] for p in public.json()["parties"]][:2] == [
        "A machinery maker in Germany",
        "A fruit processor in Kenya",
    ]
    assert recorded.reference in [
        r["reference"] for r in client.get(f"{BASE}/", {"limit": 200}).json()["results"]
    ]
    assert operator.get(f"{BASE}/drafts").json()["count"] == 0

    again = _post(operator, f"{_draft_url(recorded)}/publish")
    assert (again.status_code, again.json()["detail"]) == (409, "The case is already published.")


def test_publication_is_refused_while_an_anonymised_text_names_a_partys_firm(personas, operator, completed):
    partnership, _canary, _user = completed
    case = _drafted(personas, partnership)
    assert _patch(operator, _draft_url(case), {"summary": f"How {CANARY} grew."}).status_code == 200
    flags = operator.get(_draft_url(case)).json()["identity_flags"]
    assert {"field": "summary", "found": CANARY} in flags
    response = _post(operator, f"{_draft_url(case)}/publish")
    assert response.status_code == 409
    assert response.json()["detail"] == (
        f"The case is anonymised but its text identifies a party ({CANARY} in summary); remove it first."
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DRAFT
    # Once the text no longer names it, the case is published.
    assert (
        _patch(operator, _draft_url(case), {"summary": "How an Ethiopian processor grew."}).status_code == 200
    )
    assert _post(operator, f"{_draft_url(case)}/publish").status_code == 200


def test_publication_is_refused_while_a_party_of_the_partnership_has_not_consented(
    personas, operator, completed
):
    partnership, _canary, _user = completed
    case = _drafted(personas, partnership)
    PartnershipParty.objects.create(
        partnership=partnership,
        firm=personas.kenyan_sme,
        role="interested",
        joined_on=partnership.started_on,
    )
    response = _post(operator, f"{_draft_url(case)}/publish")
    assert response.status_code == 409
    assert response.json()["detail"] == (
        "A partnership becomes a case only when every party consents: 1 of 3 parties have not consented yet."
    )
    assert Case.objects.get(pk=case.pk).status == CaseStatus.DRAFT
    assert CaseConsent.objects.filter(partnership=partnership).count() == 2


# Confidentiality -----------------------------------------------------------------------------------


def test_drafts_never_appear_through_the_public_endpoints(client, personas, operator, recorded, completed):
    partnership, _canary, _user = completed
    drafted = _drafted(personas, partnership)
    firm = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    for caller in (client, firm, operator):
        for case in (recorded, drafted):
            assert caller.get(f"{BASE}/{case.reference}").status_code == 404
            listed = caller.get(f"{BASE}/", {"limit": 200}).json()
            assert case.reference not in [r["reference"] for r in listed["results"]]
        assert caller.get(f"{BASE}/", {"q": "Drying lines"}).json()["count"] == 0


def test_an_anonymised_partnerships_draft_names_no_firm_to_those_who_may_edit_it(
    personas, operator, completed
):
    partnership, canary, _user = completed
    case = _drafted(personas, partnership)
    chamber = client_for(personas.chamber_staff, personas.chamber.organisation)
    for caller in (operator, chamber):
        text = caller.get(_draft_url(case)).content.decode().lower()
        assert "zyxcanary" not in text and "rheinwerk" not in text
        assert canary.reference.lower() not in text
        assert personas.german_manufacturer.reference.lower() not in text
        drafts = caller.get(f"{BASE}/drafts").content.decode().lower()
        assert "zyxcanary" not in drafts and "rheinwerk" not in drafts
    labels = [p["label"] for p in operator.get(_draft_url(case)).json()["parties"]]
    assert labels == ["Large: Private firm, Germany", "Small: Private firm, Ethiopia"]


def test_a_named_partnerships_draft_names_the_firms_that_agreed_as_its_page_does(
    personas, operator, completed
):
    partnership, _canary, _user = completed
    case = _drafted(personas, partnership, named=True)
    body = operator.get(_draft_url(case)).json()
    assert [(p["label"], p["named"]) for p in body["parties"]] == [
        ("Rheinwerk Maschinenbau GmbH", True),
        (CANARY, True),
    ]


def test_a_published_anonymised_case_still_shows_no_name_in_the_public_api(
    client, personas, operator, completed
):
    partnership, _canary, _user = completed
    case = _drafted(personas, partnership)
    assert _post(operator, f"{_draft_url(case)}/publish").status_code == 200
    for text in (
        client.get(f"{BASE}/{case.reference}").content.decode(),
        client.get(f"{BASE}/").content.decode(),
    ):
        assert "zyxcanary" not in text.lower() and "rheinwerk" not in text.lower()


def test_names_to_check_for_are_taken_counted_and_never_given_back(operator):
    data = _with_party(0, screen_names=[CANARY, "Klaus Becker"])
    data["summary"] = f"{CANARY} supplied the lines."
    response = _post(operator, f"{BASE}/record", data)
    assert response.status_code == 201, response.content
    draft = response.json()
    assert [p["names_checked"] for p in draft["parties"]] == [2, 0, 0]
    assert draft["identity_flags"] == [{"field": "summary", "found": CANARY}]
    assert "Becker" not in response.content.decode()  # a name checked for that no text contains
    assert "Becker" not in repr(list(CaseParty.objects.filter(case__reference=draft["reference"]).values()))
    assert "screen_names" in draft["editable_party_fields"] and "name" not in draft["editable_party_fields"]
    refused = _post(operator, f"{BASE}/drafts/{draft['reference']}/publish")
    assert refused.status_code == 409
    url = f"{BASE}/drafts/{draft['reference']}"
    first = draft["parties"][0]["id"]
    changed = _patch(operator, url, {"parties": [{"id": first, "screen_names": ["Rheinwerk"]}]})
    assert changed.status_code == 200, changed.content
    assert changed.json()["parties"][0]["names_checked"] == 1
    assert changed.json()["identity_flags"] == []
    assert _post(operator, f"{url}/publish").status_code == 200


def test_names_to_check_for_on_a_named_case_answer_422_naming_the_field(operator):
    data = _with_party(0, name="Rheinwerk", screen_names=["Rheinwerk"])
    data["anonymised"] = False
    before = Case.objects.count()
    response = _post(operator, f"{BASE}/record", data)
    assert response.status_code == 422
    assert _fields(response) == {
        "parties.0.screen_names": "The case names its parties: give the name above; this is for anonymised cases."
    }
    assert Case.objects.count() == before
    data["parties"][0].pop("screen_names")
    draft = _post(operator, f"{BASE}/record", data).json()
    first = draft["parties"][0]["id"]
    patched = _patch(
        operator, f"{BASE}/drafts/{draft['reference']}", {"parties": [{"id": first, "screen_names": ["X Y"]}]}
    )
    assert patched.status_code == 422
    assert list(_fields(patched)) == ["parties.0.screen_names"]


def test_the_operator_adds_and_removes_parties_through_the_api(operator, recorded):
    first, second, third = recorded.parties.all()
    new = {"organisation_type": "firm_group", "country": "uga", "description": "Growers in Uganda"}
    response = _patch(operator, _draft_url(recorded), {"add_parties": [new], "remove_parties": [second.pk]})
    assert response.status_code == 200, response.content
    body = response.json()
    assert [(p["id"], p["position"], p["country"]) for p in body["parties"]][:2] == [
        (first.pk, 0, "DEU"),
        (third.pk, 1, ""),
    ]
    assert (body["parties"][2]["position"], body["parties"][2]["country"]) == (2, "UGA")
    assert body["involves_ldc"] is True


@pytest.mark.parametrize(
    "change,field,message",
    [
        (
            {"add_parties": [{"organisation_type": "firm", "country": "XXX"}]},
            "add_parties.0.country",
            "Unknown country: choose one from the list.",
        ),
        (
            {"add_parties": [{"organisation_type": "firm", "country": "KEN", "name": "Amani"}]},
            "add_parties.0.name",
            "The case is anonymised: its parties are described, never named.",
        ),
        (
            {"add_parties": [{"organisation_type": "firm", "country": "KEN"}] * 4},
            "add_parties",
            "A case has 2 to 6 parties.",
        ),
        ({"remove_parties": [999999]}, "remove_parties.0", "Not a party of this case."),
    ],
    ids=["unknown country", "name in an anonymised case", "too many", "unknown party"],
)
def test_bad_party_additions_and_removals_answer_422_and_change_nothing(
    operator, recorded, change, field, message
):
    response = _patch(operator, _draft_url(recorded), change)
    assert response.status_code == 422
    assert _fields(response) == {field: message}
    assert recorded.parties.count() == 3


def test_removing_all_but_one_party_answers_422(operator, recorded):
    _first, second, third = recorded.parties.all()
    response = _patch(operator, _draft_url(recorded), {"remove_parties": [second.pk, third.pk]})
    assert response.status_code == 422
    assert _fields(response) == {"remove_parties": "A case has 2 to 6 parties."}
    assert recorded.parties.count() == 3


def test_parties_of_a_drafted_case_are_not_added_or_removed(operator, personas):
    seeded = Case.objects.exclude(origin=CaseOrigin.OPERATOR).first()
    assert seeded is not None
    seeded.status = CaseStatus.DRAFT
    seeded.save()
    party = seeded.parties.all()[0]
    response = _patch(
        operator,
        _draft_url(seeded),
        {"add_parties": [{"organisation_type": "firm", "country": "KEN"}], "remove_parties": [party.pk]},
    )
    assert response.status_code == 422
    assert set(_fields(response)) == {"add_parties", "remove_parties"}
    assert seeded.parties.filter(pk=party.pk).exists()


def test_a_blank_party_to_add_answers_422_naming_its_type(operator, recorded):
    response = _patch(operator, _draft_url(recorded), {"add_parties": [{"organisation_type": ""}]})
    assert response.status_code == 422
    assert _fields(response) == {"add_parties.0.organisation_type": "Choose the type of organisation."}


@pytest.mark.parametrize(
    "change,field",
    [
        ({"lessons": ["L" * 4001]}, "lessons"),
        ({"success_factors": ["a\u0000b"]}, "success_factors.0"),  # the line that holds it
    ],
)
def test_one_a_line_fields_are_checked_on_their_text(operator, recorded, change, field):
    response = _patch(operator, _draft_url(recorded), change)
    assert response.status_code == 422
    assert list(_fields(response)) == [field]
    recorded.refresh_from_db()
    assert recorded.lessons == [] and recorded.success_factors == []


def test_the_source_of_an_anonymised_case_is_checked_for_the_names_too(operator):
    data = _with_party(0, screen_names=["John Kamau"])
    draft = _post(operator, f"{BASE}/record", data).json()
    url = f"{BASE}/drafts/{draft['reference']}"
    flagged = _patch(operator, url, {"source_citation": "Interview with John Kamau, 2023"}).json()
    assert flagged["identity_flags"] == [{"field": "source_citation", "found": "John Kamau"}]
    refused = _post(operator, f"{url}/publish")
    assert refused.status_code == 409 and "source" in refused.json()["detail"]


def test_a_screened_persons_family_name_after_a_title_is_found_and_refuses_publication(operator):
    data = _with_party(0, screen_names=["John Kamau"])
    draft = _post(operator, f"{BASE}/record", data).json()
    url = f"{BASE}/drafts/{draft['reference']}"
    flagged = _patch(
        operator, url, {"lessons": ["Mr Kamau insisted on a pilot batch.", "J. Kamau wrote it."]}
    )
    assert flagged.json()["identity_flags"] == [
        {"field": "lessons", "found": "Mr Kamau"},
        {"field": "lessons", "found": "J. Kamau"},
    ]
    refused = _post(operator, f"{url}/publish")
    assert refused.status_code == 409 and "Mr Kamau" in refused.json()["detail"]


@pytest.mark.parametrize("names,checked", [(["3M"], True), (["X"], False), (["---"], False)])
def test_names_too_short_to_check_are_refused_not_counted(operator, names, checked):
    data = _with_party(0, screen_names=names)
    data["summary"] = "3M supplied the lines."
    response = _post(operator, f"{BASE}/record", data)
    if checked:
        assert response.status_code == 201
        assert response.json()["identity_flags"] == [{"field": "summary", "found": "3M"}]
    else:
        assert response.status_code == 422
        assert list(_fields(response)) == ["parties.0.screen_names"]
