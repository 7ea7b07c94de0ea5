"""An operator records a case by hand (a partnership known from the programme's files or a report);
nobody else can, and bad input comes back with its message next to the field and nothing lost."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse

from interfirm.audit.models import AuditEntry
from interfirm.cases.loaders import _stored_party_rows
from interfirm.cases.models import Case, CaseOrigin, CaseStatus
from interfirm.cases.services import CaseError, PartyRecord, case_publish, case_record, identity_flags_of_case
from interfirm.geo.models import Country
from interfirm.testing import client_for

pytestmark = pytest.mark.django_db

TITLE = "Drying lines for a fruit processor in East Africa"
URL = reverse("cases:new")


def _form(**changes: Any) -> dict[str, Any]:
    """Return a valid posting of the record form: a German and a Kenyan party in blocks 1 and 2, a
    university known only as "in developed countries" in block 4; ``changes`` replace (None drops)."""
    data: dict[str, Any] = {
        "title": TITLE,
        "summary": "A machinery maker supplied and adapted solar drying lines; the processor doubled exports.",
        "arrangement_types": ["supply", "technical_cooperation"],
        "period_start": "2019",
        "period_end": "2022",
        "source_citation": "Programme files, mission report of March 2023",
        "anonymised": "anonymised",
        "party-0-description": "A machinery maker in Germany",
        "party-0-country": "DEU",
        "party-0-size_class": "large",
        "party-0-organisation_type": "firm",
        "party-0-sectors": "2829",
        "party-0-brought": "Drying lines and training",
        "party-1-description": "A fruit processor in Kenya",
        "party-1-country": "KEN",
        "party-1-size_class": "small",
        "party-1-organisation_type": "firm",
        "party-1-sectors": "1030, 1079",
        "party-1-brought": "Knowledge of the regional market",
        "party-3-economy_group": "developed",
        "party-3-organisation_type": "research",
    }
    for name, value in changes.items():
        key = name.replace("__", "-").replace("party_", "party-")
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


@pytest.fixture
def operator(personas):
    return client_for(personas.operator_user, personas.operator_user.memberships.get().organisation)


def test_an_operator_records_an_anonymised_draft_with_its_parties_and_facets(personas, operator):
    response = operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    assert response.status_code == 302
    assert response["Location"] == case.get_absolute_url()
    assert (case.origin, case.status, case.anonymised, case.created_by) == (
        CaseOrigin.OPERATOR,
        CaseStatus.DRAFT,
        True,
        personas.operator_user,
    )
    assert (case.period_start, case.period_end, case.arrangement_types) == (
        2019,
        2022,
        ["supply", "technical_cooperation"],
    )
    assert _stored_party_rows(case) == [
        (
            0,
            "",
            "A machinery maker in Germany",
            "DEU",
            "",
            "large",
            "firm",
            ("2829",),
            "Drying lines and training",
        ),
        (
            1,
            "",
            "A fruit processor in Kenya",
            "KEN",
            "",
            "small",
            "firm",
            ("1030", "1079"),
            "Knowledge of the regional market",
        ),
        (2, "", "", None, "developed", "", "research", (), ""),
    ]
    assert (case.corridor, case.corridors, case.involves_ldc, case.domestic) == (
        "north_south",
        ["north_south", "north_north"],
        False,
        False,
    )
    assert " cty:DEU " in case.facets and " sec:C " in case.facets and " arr:supply " in case.facets
    entry = AuditEntry.objects.get(action="case.record")
    assert (entry.object_id, entry.actor, entry.changes) == (
        str(case.pk),
        personas.operator_user,
        {"anonymised": True, "parties": 3, "names checked": 0},
    )


def test_the_success_message_is_shown_on_the_case_page(operator):
    response = operator.post(URL, _form(), follow=True)
    assert "The case has been recorded as a draft: review it, then publish it." in response.content.decode()


def test_a_named_case_keeps_the_parties_names(operator):
    operator.post(
        URL,
        _form(anonymised="named", party_0__name="Rheinwerk Maschinenbau GmbH", party_1__name="Amani Fresh"),
    )
    case = Case.objects.get(title=TITLE)
    assert case.anonymised is False
    assert [p.name for p in case.parties.all()] == ["Rheinwerk Maschinenbau GmbH", "Amani Fresh", ""]


def test_the_recorded_case_is_edited_published_and_listed(client, operator):
    operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    edit_url = reverse("cases:edit", args=[case.reference])
    assert operator.get(edit_url).status_code == 200
    edited = {
        "title": TITLE,
        "summary": case.summary,
        "lessons": "Adapt the equipment to local power",
        "arrangement_types": ["supply"],
        "period_start": "2019",
        "period_end": "2022",
        "source_citation": case.source_citation,
    }
    assert operator.post(edit_url, edited).status_code == 302
    assert operator.post(reverse("cases:publish", args=[case.reference])).status_code == 302
    case.refresh_from_db()
    assert (case.status, case.lessons) == (CaseStatus.PUBLISHED, ["Adapt the equipment to local power"])
    html = client.get(reverse("cases:list")).content.decode()
    assert TITLE in html and "7 cases" in html
    assert "A machinery maker in Germany" in html
    assert client.get(case.get_absolute_url()).status_code == 200


def test_the_operator_corrects_the_period_arrangement_and_source_of_a_case_it_recorded(operator):
    operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    edit_url = reverse("cases:edit", args=[case.reference])
    page = operator.get(edit_url).content.decode()
    assert 'name="period_start"' in page and 'value="2019"' in page
    edited = {
        "title": TITLE,
        "summary": case.summary,
        "arrangement_types": ["technical_cooperation"],
        "period_start": "2018",
        "period_end": "2017",
        "source_citation": "Mission report of March 2023, pp. 4-6",
    }
    refused = operator.post(edit_url, edited)
    assert refused.status_code == 422
    assert refused.context["form"].errors["period_end"] == ["The last year cannot be before the first."]
    assert 'value="Mission report of March 2023, pp. 4-6"' in refused.content.decode()  # kept
    case.refresh_from_db()
    assert (case.period_start, case.period_end) == (2019, 2022)

    assert operator.post(edit_url, {**edited, "period_end": "2021"}).status_code == 302
    case.refresh_from_db()
    assert (case.arrangement_types, case.period_start, case.period_end, case.source_citation) == (
        ["technical_cooperation"],
        2018,
        2021,
        "Mission report of March 2023, pp. 4-6",
    )


def test_a_case_drafted_from_a_partnership_keeps_its_period_and_source(personas):
    from interfirm.cases.forms import CaseEditForm

    seeded = Case.objects.exclude(origin=CaseOrigin.OPERATOR).first()
    assert seeded is not None
    form = CaseEditForm(case=seeded)
    assert "period_start" not in form.fields and "source_citation" not in form.fields
    seeded.status = CaseStatus.DRAFT
    with pytest.raises(CaseError):
        from interfirm.cases.services import case_update

        case_update(actor=personas.operator_user, acting_for=None, case=seeded, period_start=1990)


def test_the_list_links_to_the_record_page_for_operators_only(client, personas, operator):
    link = f'href="{URL}"'
    assert link in operator.get(reverse("cases:list")).content.decode()
    firm = client_for(personas.amani_manager, personas.kenyan_sme.organisation)
    assert link not in firm.get(reverse("cases:list")).content.decode()
    assert link not in client.get(reverse("cases:list")).content.decode()


def test_the_page_renders_six_party_blocks_and_defaults_to_anonymised(operator):
    response = operator.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert all(f'name="party-{i}-country"' in html for i in range(6))
    assert 'name="party-6-country"' not in html
    assert 'value="anonymised" required id="id_anonymised_0" checked>' in html
    assert '<option value="DEU">Germany</option>' in html


@pytest.mark.parametrize("who", ["firm member", "intermediary", "analyst"])
def test_a_user_who_is_not_an_operator_gets_404_and_nothing_is_recorded(personas, who):
    client = {
        "firm member": lambda: client_for(personas.amani_manager, personas.kenyan_sme.organisation),
        "intermediary": lambda: client_for(personas.chamber_staff, personas.chamber.organisation),
        "analyst": lambda: client_for(personas.analyst_user),
    }[who]()
    before = Case.objects.count()
    assert client.get(URL).status_code == 404
    assert client.post(URL, _form()).status_code == 404
    assert Case.objects.count() == before


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    before = Case.objects.count()
    for response in (client.get(URL), client.post(URL, _form())):
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('accounts:login')}?next={URL}"
    assert Case.objects.count() == before


@pytest.mark.parametrize(
    "changes,form,field,message",
    [
        (
            {
                "party_1__country": None,
                "party_1__description": None,
                "party_1__size_class": None,
                "party_1__organisation_type": None,
                "party_1__sectors": None,
                "party_1__brought": None,
                "party_3__economy_group": None,
                "party_3__organisation_type": None,
            },
            "case",
            "__all__",
            "Describe at least 2 parties (up to 6); blank blocks are ignored.",
        ),
        (
            {"party_0__name": "Rheinwerk Maschinenbau GmbH"},
            0,
            "name",
            "The case is anonymised: describe the party instead of naming it (its names go under "
            "“Names to check the texts for”), or name the parties.",
        ),
        (
            {"anonymised": "named", "party_0__name": "Rheinwerk", "party_0__screen_names": "Rheinwerk"},
            0,
            "screen_names",
            "The case names its parties: give the name above; this is for anonymised cases.",
        ),
        (
            {"period_start": "2022", "period_end": "2019"},
            "case",
            "period_end",
            "The last year cannot be before the first.",
        ),
        (
            {"period_end": str(datetime.date.today().year + 1)},
            "case",
            "period_end",
            "The year cannot be in the future.",
        ),
        ({"period_start": None}, "case", "period_start", "Give the first year as well."),
        ({"party_1__country": "XXX"}, 1, "country", "Unknown country: choose one from the list."),
        (
            {"party_1__country": None},
            1,
            "country",
            "Give the party's country, or its group of countries when only that is known.",
        ),
        (
            {"party_1__economy_group": "developing"},
            1,
            "economy_group",
            "Leave the group empty when the country is known: the country's own group applies.",
        ),
        ({"party_1__organisation_type": None}, 1, "organisation_type", "Choose the type of organisation."),
        ({"party_1__sectors": "1030, 9999"}, 1, "sectors", "Unknown ISIC Rev.4 code: 9999."),
    ],
    ids=[
        "one party",
        "name on an anonymised case",
        "names to check for on a named case",
        "period ends before it starts",
        "year in the future",
        "end without a start",
        "unknown country",
        "neither country nor group",
        "country and group",
        "no organisation type",
        "unknown sector",
    ],
)
def test_bad_input_answers_422_with_the_message_at_its_field_and_keeps_what_was_typed(
    operator, changes, form, field, message
):
    before = Case.objects.count()
    response = operator.post(URL, _form(**changes))
    html = response.content.decode()
    assert response.status_code == 422
    assert Case.objects.count() == before
    bound = response.context["form"]
    errors = bound.errors if form == "case" else bound.parties[form].errors
    assert errors == {field: [message]}
    escaped = message.replace("'", "&#x27;")
    if field == "__all__":
        assert f'<ul class="errorlist nonfield"><li>{escaped}</li></ul>' in html
    else:
        prefix = "" if form == "case" else f"party-{form}-"
        assert f'<ul class="errorlist" id="id_{prefix}{field}_error"><li>{escaped}</li></ul>' in html
    assert f'value="{TITLE}"' in html
    assert "A machinery maker supplied and adapted solar drying lines" in html
    assert 'value="A machinery maker in Germany"' in html
    assert '<option value="DEU" selected>Germany</option>' in html


def _by_service(actor: Any, acting_for: Any, *parties: PartyRecord) -> Case:
    """Record an anonymised case of ``parties`` through the service, as ``actor``."""
    return case_record(
        actor=actor,
        acting_for=acting_for,
        title=TITLE,
        summary="s",
        arrangement_types=["supply"],
        period_start=None,
        period_end=None,
        source_citation="Programme files",
        anonymised=True,
        parties=parties,
    )


def test_the_service_refuses_an_actor_who_is_not_an_operator(personas):
    with pytest.raises(CaseError) as refusal:
        _by_service(
            personas.chamber_staff,
            personas.chamber.organisation,
            PartyRecord(organisation_type="firm", country=Country.objects.get(pk="DEU")),
            PartyRecord(organisation_type="firm", country=Country.objects.get(pk="KEN")),
        )
    assert refusal.value.message == "Only an operator of the exchange can record a case."
    assert not Case.objects.filter(title=TITLE).exists()


def test_the_service_stores_no_name_for_a_party_of_an_anonymised_case(personas):
    case = _by_service(
        personas.operator_user,
        None,
        PartyRecord(organisation_type="firm", name="Rheinwerk", country=Country.objects.get(pk="DEU")),
        PartyRecord(organisation_type="firm", name="Amani", country=Country.objects.get(pk="KEN")),
    )
    assert [p.name for p in case.parties.all()] == ["", ""]


def test_without_names_to_check_for_the_identity_check_has_nothing_to_look_for(personas, operator):
    # A recorded party is not linked to a firm of the exchange and no name was given to check for:
    # nothing holds publication back (the operator answers for the text).
    operator.post(URL, _form(summary="Rheinwerk Maschinenbau GmbH supplied the lines."))
    case = Case.objects.get(title=TITLE)
    assert identity_flags_of_case(case) == []
    case_publish(actor=personas.operator_user, acting_for=None, case=case)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.PUBLISHED


def _edit_posting(case: Case, **changes: Any) -> dict[str, Any]:
    """Return the edit page's own form of ``case`` as posted unchanged, with ``changes`` (field names
    as on the page, e.g. ``party-<pk>-country``) replaced."""
    from interfirm.cases.forms import CaseEditForm

    form = CaseEditForm(case=case)
    data: dict[str, Any] = {}
    for bound in [*form, *(field for party in form.party_forms for field in party)]:
        value = bound.value()
        if value is None:
            continue
        data[bound.html_name] = [str(v) for v in value] if isinstance(value, list) else str(value)
    data.update(changes)
    return data


def test_the_operator_corrects_the_parties_of_a_case_it_recorded_and_the_facets_follow(operator):
    operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    _, second, third = case.parties.all()
    edit_url = reverse("cases:edit", args=[case.reference])
    page = operator.get(edit_url).content.decode()
    assert f'name="party-{second.pk}-country"' in page
    assert f'name="party-{second.pk}-name"' not in page  # anonymised: no name to type
    assert 'value="1030, 1079"' in page

    fixed = _edit_posting(
        case,
        **{
            f"party-{second.pk}-country": "TZA",
            f"party-{second.pk}-sectors": "1030",
            f"party-{second.pk}-brought": "Its growers' network",
            f"party-{third.pk}-economy_group": "developing",
        },
    )
    assert operator.post(edit_url, fixed).status_code == 302
    assert [row[3:8] for row in _stored_party_rows(case)] == [
        ("DEU", "", "large", "firm", ("2829",)),
        ("TZA", "", "small", "firm", ("1030",)),
        (None, "developing", "", "research", ()),
    ]
    second.refresh_from_db()
    assert second.brought == "Its growers' network"
    case.refresh_from_db()
    assert case.involves_ldc  # Tanzania is a least developed country; Kenya was not
    assert " cty:TZA " in case.facets and " cty:KEN " not in case.facets
    assert set(case.corridors) == {"north_south"}


def test_a_bad_party_correction_comes_back_with_its_message_and_changes_nothing(operator):
    operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    second = case.parties.all()[1]
    edit_url = reverse("cases:edit", args=[case.reference])
    posting = _edit_posting(
        case,
        **{f"party-{second.pk}-country": "", f"party-{second.pk}-sectors": "1030, 9999", "lessons": "Kept"},
    )
    refused = operator.post(edit_url, posting)
    assert refused.status_code == 422
    party_form = refused.context["form"].party_forms[1]
    assert party_form.errors["sectors"] == ["Unknown ISIC Rev.4 code: 9999."]
    assert party_form.errors["country"]
    html = refused.content.decode()
    assert 'value="1030, 9999"' in html and "Kept" in html  # what was typed is kept
    assert "Please correct the fields marked below." in html
    assert _stored_party_rows(case)[1][3] == "KEN"
    case.refresh_from_db()
    assert case.lessons == []


def test_a_named_recorded_case_corrects_a_partys_name_and_an_anonymised_one_never_stores_one(
    personas, operator
):
    from interfirm.cases.services import case_update

    operator.post(URL, _form(anonymised="named", party_0__name="Rheinwerk GmbH", party_1__name="Amani"))
    named = Case.objects.get(title=TITLE)
    first = named.parties.all()[0]
    edit_url = reverse("cases:edit", args=[named.reference])
    posting = _edit_posting(named, **{f"party-{first.pk}-name": "Rheinwerk Maschinenbau GmbH"})
    assert operator.post(edit_url, posting).status_code == 302
    first.refresh_from_db()
    assert first.name == "Rheinwerk Maschinenbau GmbH"

    operator.post(URL, _form(title="Anonymised one"))
    anonymised = Case.objects.get(title="Anonymised one")
    party = anonymised.parties.all()[0]
    record = PartyRecord(organisation_type="firm", country=party.country, name="Rheinwerk GmbH")
    case_update(actor=personas.operator_user, acting_for=None, case=anonymised, parties={party.pk: record})
    party.refresh_from_db()
    assert party.name == ""


def test_the_parties_of_a_drafted_or_seeded_case_are_not_corrected_by_hand(personas):
    from interfirm.cases.forms import CaseEditForm
    from interfirm.cases.services import case_update

    seeded = Case.objects.exclude(origin=CaseOrigin.OPERATOR).first()
    assert seeded is not None
    assert CaseEditForm(case=seeded).party_forms == []
    seeded.status = CaseStatus.DRAFT
    party = seeded.parties.all()[0]
    with pytest.raises(CaseError):
        case_update(
            actor=personas.operator_user,
            acting_for=None,
            case=seeded,
            parties={party.pk: PartyRecord(organisation_type="firm")},
        )


# Names to check for: an anonymised case keeps fingerprints of its parties' names, never the names,
# and publication is refused while a text contains one.

SCREENED = {
    "party_0__screen_names": "Rheinwerk Maschinenbau GmbH\nKlaus Becker",
    "party_1__screen_names": "Amani Fresh Foods Ltd",
}


def _stored_text(case: Case) -> str:
    """Return every value stored for the case, its parties and its audit entries, as one text."""
    from django.forms.models import model_to_dict

    rows = [model_to_dict(case), *(model_to_dict(p) for p in case.parties.all())]
    rows += [entry.changes for entry in AuditEntry.objects.filter(object_id=str(case.pk))]
    return repr(rows)


def test_the_names_to_check_for_are_kept_as_fingerprints_never_as_names(operator):
    assert operator.post(URL, _form(**SCREENED)).status_code == 302
    case = Case.objects.get(title=TITLE)
    first, second, third = case.parties.all()
    assert (first.names_checked, second.names_checked, third.names_checked) == (2, 1, 0)
    stored = _stored_text(case).casefold()
    for word in ("rheinwerk", "becker", "amani"):
        assert word not in stored
    audit = AuditEntry.objects.get(action="case.record", object_id=str(case.pk))
    assert audit.changes["names checked"] == 3


@pytest.mark.parametrize(
    "summary,found",
    [
        ("The lines came from Rheinwerk Maschinenbau GmbH in Bavaria.", "Rheinwerk Maschinenbau GmbH"),
        ("RHEINWERK maschinenbau adapted the lines.", "RHEINWERK maschinenbau"),  # case, no suffix
        ("Klaus Becker trained the staff.", "Klaus Becker"),
        ("The processor, Amani Fresh Foods, doubled exports.", "Amani Fresh Foods"),
        ("Ámani Fresh Foods doubled exports.", "Ámani Fresh Foods"),  # accents
    ],
)
def test_publication_is_refused_while_a_text_contains_a_name_checked_for(personas, operator, summary, found):
    operator.post(URL, _form(summary=summary, **SCREENED))
    case = Case.objects.get(title=TITLE)
    assert {"field": "summary", "found": found} in identity_flags_of_case(case)
    with pytest.raises(CaseError) as refusal:
        case_publish(actor=personas.operator_user, acting_for=None, case=case)
    assert found in refusal.value.message
    page = operator.get(case.get_absolute_url()).content.decode()
    assert "publication is refused until it is removed" in page and found in page
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT


@pytest.mark.parametrize(
    "summary",
    [
        "A machinery maker in Bavaria supplied the lines.",
        "Maschinenbau know-how from Rheinwerks.",  # a part of the name, or another word, is not the name
        "Amani doubled its exports.",
    ],
)
def test_a_text_without_the_names_is_published(personas, operator, summary):
    operator.post(URL, _form(summary=summary, **SCREENED))
    case = Case.objects.get(title=TITLE)
    assert identity_flags_of_case(case) == []
    case_publish(actor=personas.operator_user, acting_for=None, case=case)
    assert Case.objects.get(pk=case.pk).status == CaseStatus.PUBLISHED


def test_the_party_texts_are_checked_too(operator):
    operator.post(URL, _form(party_1__brought="Amani Fresh Foods Ltd's growers", **SCREENED))
    case = Case.objects.get(title=TITLE)
    assert identity_flags_of_case(case) == [{"field": "party 2", "found": "Amani Fresh Foods Ltd"}]


def test_the_edit_page_replaces_the_names_checked_for_or_keeps_them(personas, operator):
    operator.post(URL, _form(summary="Klaus Becker trained the staff.", **SCREENED))
    case = Case.objects.get(title=TITLE)
    first = case.parties.all()[0]
    edit_url = reverse("cases:edit", args=[case.reference])
    page = operator.get(edit_url).content.decode()
    assert f'name="party-{first.pk}-screen_names"' in page
    assert "The texts are checked for 2 names of this party" in page
    assert "Becker" not in page.split("<form", 1)[1].split("summary", 1)[0]  # the names are not shown back

    kept = _edit_posting(case, lessons="Train early")
    assert operator.post(edit_url, kept).status_code == 302
    first.refresh_from_db()
    assert first.names_checked == 2
    assert identity_flags_of_case(case) == [{"field": "summary", "found": "Klaus Becker"}]

    replaced = _edit_posting(case, **{f"party-{first.pk}-screen_names": "Rheinwerk"})
    assert operator.post(edit_url, replaced).status_code == 302
    first.refresh_from_db()
    assert first.names_checked == 1
    assert identity_flags_of_case(case) == []  # Klaus Becker is no longer checked for
    case.summary = "Rheinwerk supplied the lines."
    case.save()
    assert identity_flags_of_case(case) == [{"field": "summary", "found": "Rheinwerk"}]


def test_a_named_case_has_no_names_to_check_for_on_its_edit_page(operator):
    operator.post(URL, _form(anonymised="named", party_0__name="Rheinwerk GmbH", party_1__name="Amani"))
    case = Case.objects.get(title=TITLE)
    page = operator.get(reverse("cases:edit", args=[case.reference])).content.decode()
    assert "screen_names" not in page


def test_fingerprints_made_under_a_rotated_secret_key_still_match_while_it_is_a_fallback(operator, settings):
    operator.post(URL, _form(summary="Klaus Becker trained the staff.", **SCREENED))
    case = Case.objects.get(title=TITLE)
    old = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-secret-key-" + "x" * 40, [old]
    assert identity_flags_of_case(case) == [{"field": "summary", "found": "Klaus Becker"}]
    settings.SECRET_KEY_FALLBACKS = []
    assert identity_flags_of_case(case) == []


# Adding and removing parties of a case an operator recorded.


def test_the_operator_adds_a_party_and_the_facets_follow(operator):
    operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    edit_url = reverse("cases:edit", args=[case.reference])
    page = operator.get(edit_url).content.decode()
    assert 'name="new-0-country"' in page and 'name="new-2-country"' in page and "new-3-" not in page
    assert 'name="new-0-name"' not in page  # anonymised: a new party has no name either
    posting = _edit_posting(
        case,
        **{
            "new-1-description": "A cooperative of growers in Uganda",
            "new-1-country": "UGA",
            "new-1-organisation_type": "firm_group",
            "new-1-screen_names": "Bukedi Growers",
        },
    )
    assert operator.post(edit_url, posting).status_code == 302
    parties = list(case.parties.all())
    assert [(p.position, p.country_id) for p in parties] == [(0, "DEU"), (1, "KEN"), (2, None), (3, "UGA")]
    assert parties[3].names_checked == 1 and parties[3].name == ""
    case.refresh_from_db()
    assert case.involves_ldc and " cty:UGA " in case.facets  # Uganda is a least developed country
    entry = AuditEntry.objects.filter(action="case.update").latest("pk")
    assert entry.changes["parties added"] == 1


def test_the_operator_removes_a_party_and_the_others_keep_their_order(operator):
    operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    first, second, third = case.parties.all()
    edit_url = reverse("cases:edit", args=[case.reference])
    # What else is posted in a removed block does not matter (here, an unknown country).
    posting = _edit_posting(case, **{f"party-{second.pk}-remove": "on", f"party-{second.pk}-country": "XXX"})
    assert operator.post(edit_url, posting).status_code == 302
    assert [(p.pk, p.position) for p in case.parties.all()] == [(first.pk, 0), (third.pk, 1)]
    case.refresh_from_db()
    assert " cty:KEN " not in case.facets
    assert case.corridors == ["north_north"]


def test_a_case_keeps_two_parties_at_least(operator):
    operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    _first, second, third = case.parties.all()
    edit_url = reverse("cases:edit", args=[case.reference])
    posting = _edit_posting(
        case, **{f"party-{second.pk}-remove": "on", f"party-{third.pk}-remove": "on", "lessons": "Kept"}
    )
    refused = operator.post(edit_url, posting)
    assert refused.status_code == 422
    assert refused.context["form"].non_field_errors() == ["A case has 2 to 6 parties."]
    assert "Kept" in refused.content.decode()
    assert case.parties.count() == 3
    # Removing two and adding one leaves two: accepted.
    posting.update({"new-0-country": "TZA", "new-0-organisation_type": "firm"})
    assert operator.post(edit_url, posting).status_code == 302
    assert [p.country_id for p in case.parties.all()] == ["DEU", "TZA"]


def test_a_bad_new_party_comes_back_with_its_message_and_nothing_changes(operator):
    operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    edit_url = reverse("cases:edit", args=[case.reference])
    posting = _edit_posting(case, **{"new-0-country": "XXX", "new-0-description": "Somewhere"})
    refused = operator.post(edit_url, posting)
    assert refused.status_code == 422
    new_form = refused.context["form"].new_party_forms[0]
    assert new_form.errors["country"] == ["Unknown country: choose one from the list."]
    assert new_form.errors["organisation_type"] == ["Choose the type of organisation."]
    assert "<details open>" in refused.content.decode()  # the block with the errors is shown
    assert case.parties.count() == 3


def test_the_service_adds_and_removes_only_in_a_case_an_operator_recorded(personas, operator):
    from interfirm.cases.services import case_update

    seeded = Case.objects.exclude(origin=CaseOrigin.OPERATOR).first()
    assert seeded is not None
    seeded.status = CaseStatus.DRAFT
    with pytest.raises(CaseError):
        case_update(
            actor=personas.operator_user,
            acting_for=None,
            case=seeded,
            add_parties=[PartyRecord(organisation_type="firm")],
        )
    operator.post(URL, _form())
    case = Case.objects.get(title=TITLE)
    other = seeded.parties.all()[0]
    with pytest.raises(CaseError) as refusal:  # a party of another case
        case_update(actor=personas.operator_user, acting_for=None, case=case, remove_parties=[other.pk])
    assert refusal.value.message == "Not a party of this case."
    country = Country.objects.get(pk="KEN")
    with pytest.raises(CaseError) as refusal:
        case_update(
            actor=personas.operator_user,
            acting_for=None,
            case=case,
            add_parties=[PartyRecord(organisation_type="firm", country=country)] * 4,
        )
    assert refusal.value.message == "A case has 2 to 6 parties."
    assert case.parties.count() == 3 and seeded.parties.filter(pk=other.pk).exists()
