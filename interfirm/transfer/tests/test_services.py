"""The import: every bad line reported with its column and reason, nothing half-imported, idempotent
by the source's reference, through the firms and opportunities services."""

from __future__ import annotations

import pytest

from interfirm.audit.models import AuditEntry
from interfirm.firms.models import Firm, Representation
from interfirm.opportunities.models import Opportunity
from interfirm.testing import make_firm
from interfirm.transfer.models import ImportBatch, ImportedRecord, ImportKind
from interfirm.transfer.parsers import parse_file
from interfirm.transfer.services import import_run
from interfirm.transfer.tests.helpers import (
    CONSENT,
    FIRM_HEADER,
    errors_of,
    firm_row,
    in_days,
    run,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

FIRMS = ImportKind.FIRMS
OPPORTUNITIES = ImportKind.OPPORTUNITIES
EEN = ImportKind.EEN


def _firm_file(*rows: list[str]) -> list[list[str]]:
    return [FIRM_HEADER, *rows]


def _chamber(personas):
    return personas.chamber.organisation


# Firms: good files ---------------------------------------------------------------------------------


def test_a_dry_run_reports_each_line_and_changes_nothing(personas):
    before = Firm.objects.count()
    report = run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")), dry_run=True)
    assert report.ok
    assert [(line.line, line.source_ref, line.outcome) for line in report.lines] == [(2, "K1", "create")]
    assert Firm.objects.count() == before
    assert ImportBatch.objects.count() == 0


def test_an_import_creates_firms_in_the_intermediarys_portfolio_with_the_consent_on_file(personas):
    report = run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")))
    firm = Firm.objects.get(legal_name="Pwani Juices Ltd")
    representation = Representation.objects.get(firm=firm)
    assert report.imported
    assert (firm.country_id, firm.city, firm.employees, firm.size_class) == ("KEN", "Mombasa", 12, "small")
    assert sorted(firm.sectors.values_list("code", flat=True)) == ["1030", "1079"]
    assert list(firm.certifications.values_list("code", flat=True)) == ["haccp"]
    assert (representation.intermediary, representation.consent_method, representation.consent_given_by) == (
        personas.chamber,
        "signed_form",
        "The directors",
    )
    assert representation.consent_note == "Imported from test.csv"


def test_an_import_is_audited_by_the_services_and_as_a_batch(personas):
    run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")))
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"firm.create", "firm.representation_create", "transfer.import"} <= actions


def test_the_consent_columns_of_a_line_come_before_the_form(personas):
    rows = [
        [*FIRM_HEADER, "consent_method", "consent_date", "consent_given_by"],
        [*firm_row("K1", "Pwani Juices Ltd"), "email", "2024-02-01", "Asha, director"],
    ]
    run(_chamber(personas), FIRMS, rows)
    representation = Representation.objects.get(firm__legal_name="Pwani Juices Ltd")
    assert (representation.consent_method, representation.consent_given_on.isoformat()) == (
        "email",
        "2024-02-01",
    )
    assert representation.consent_given_by == "Asha, director"


def test_an_intermediary_without_consent_on_file_gets_an_error_per_line(personas):
    report = run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")), consent=None)
    assert errors_of(report)[0][:2] == (2, "consent_method")
    assert not Firm.objects.filter(legal_name="Pwani Juices Ltd").exists()


def test_the_operator_imports_firms_without_a_representation(personas):
    operator = personas.operator_user.memberships.get().organisation
    run(operator, FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")), consent=None)
    firm = Firm.objects.get(legal_name="Pwani Juices Ltd")
    assert firm.representations.count() == 0
    assert list(firm.certifications.values_list("code", flat=True)) == ["haccp"]


def test_contact_persons_are_imported_with_the_firm(personas):
    rows = [
        ["source_ref", "legal_name", "country", "contact_name", "contact_email"],
        ["K1", "Pwani Juices Ltd", "KE", "Asha Mwangi", "asha@pwani.example"],
    ]
    run(_chamber(personas), FIRMS, rows)
    contact = Firm.objects.get(legal_name="Pwani Juices Ltd").contacts.get()
    assert (contact.name, contact.email, contact.is_primary) == ("Asha Mwangi", "asha@pwani.example", True)


# Firms: bad files ----------------------------------------------------------------------------------


def test_missing_columns_are_reported_once_on_the_header(personas):
    report = run(_chamber(personas), FIRMS, [["legal_name", "city"], ["Pwani Juices Ltd", "Mombasa"]])
    assert report.header_errors == [
        "Missing columns: source_ref, country. The first line of the file must name them."
    ]
    assert report.lines == []


def test_a_file_with_a_header_and_no_rows_is_reported(personas):
    report = run(_chamber(personas), FIRMS, [FIRM_HEADER])
    assert report.header_errors == ["The file has no rows under its first line."]


@pytest.mark.parametrize(
    "overrides,column,message",
    [
        ({"country": "XYZ"}, "country", "Unknown country: XYZ."),
        ({"sectors": "1030; 9999"}, "sectors", "Unknown ISIC Rev.4 codes: 9999."),
        ({"sectors": "103"}, "sectors", "Not ISIC classes (give the four-digit class codes): 103."),
        ({"certifications": "iso-1"}, "certifications", "Unknown certifications: iso-1."),
        ({"employees": "twelve"}, "employees", "“twelve” is not a whole number."),
        ({"employees": "-3"}, "employees", "“-3” is not a whole number."),
        ({"legal_name": "x" * 201}, "legal_name", "The text is too long: 201 characters, at most 200."),
        ({"legal_name": ""}, "legal_name", "This column must not be empty."),
        ({"city": "c" * 101}, "city", "The text is too long: 101 characters, at most 100."),
    ],
)
def test_a_bad_cell_is_reported_with_its_line_column_and_reason(personas, overrides, column, message):
    rows = _firm_file(firm_row("K1", "Good Firm Ltd"), firm_row("K2", "Bad Firm Ltd", **overrides))
    report = run(_chamber(personas), FIRMS, rows, dry_run=True)
    assert errors_of(report) == [(3, column, message)]


def test_a_bad_date_is_reported(personas):
    rows = [
        [*FIRM_HEADER, "consent_method", "consent_date"],
        [*firm_row("K1", "Pwani Juices Ltd"), "email", "31/02/2024"],
    ]
    report = run(_chamber(personas), FIRMS, rows, dry_run=True)
    assert errors_of(report) == [(2, "consent_date", "“31/02/2024” is not a date (YYYY-MM-DD).")]


def test_a_source_reference_on_several_lines_is_reported_on_each(personas):
    rows = _firm_file(firm_row("K1", "First Ltd"), firm_row("K2", "Second Ltd"), firm_row("k1", "Third Ltd"))
    report = run(_chamber(personas), FIRMS, rows, dry_run=True)
    assert errors_of(report) == [
        (2, "source_ref", "The reference “K1” is on several lines (2, 4): keep one."),
        (4, "source_ref", "The reference “k1” is on several lines (2, 4): keep one."),
    ]


def test_every_problem_of_a_line_is_reported(personas):
    rows = _firm_file(firm_row("K1", "Bad Ltd", country="ZZ", employees="many", sectors="0000"))
    report = run(_chamber(personas), FIRMS, rows, dry_run=True)
    assert [column for _, column, _ in errors_of(report)] == ["country", "employees", "sectors"]


def test_an_import_with_a_bad_line_is_refused_whole(personas):
    before = (Firm.objects.count(), AuditEntry.objects.count())
    rows = _firm_file(firm_row("K1", "Good Firm Ltd"), firm_row("K2", "Bad Firm Ltd", country="XYZ"))
    report = run(_chamber(personas), FIRMS, rows)
    assert report.refused
    assert not report.imported
    assert [line.line for line in report.bad_lines] == [3]
    assert (Firm.objects.count(), AuditEntry.objects.count()) == before
    assert ImportedRecord.objects.count() == 0


def test_skip_bad_imports_only_the_good_lines(personas):
    rows = _firm_file(
        firm_row("K1", "Good Firm Ltd"),
        firm_row("K2", "Bad Firm Ltd", country="XYZ"),
        firm_row("K3", "Fine Ltd"),
    )
    report = run(_chamber(personas), FIRMS, rows, skip_bad=True)
    assert report.imported
    assert report.counts == {"create": 2, "update": 0, "unchanged": 0, "error": 1}
    assert set(
        Firm.objects.filter(legal_name__in=["Good Firm Ltd", "Bad Firm Ltd", "Fine Ltd"]).values_list(
            "legal_name", flat=True
        )
    ) == {"Good Firm Ltd", "Fine Ltd"}


def test_an_xlsx_file_with_bad_lines_imports_nothing(personas):
    content = xlsx_bytes(
        [
            FIRM_HEADER,
            firm_row("K1", "Good Firm Ltd"),
            ["K2", "Bad Firm Ltd", "Atlantis", "x", 12, "1030", ""],
        ]
    )
    report = import_run(
        actor=None,
        acting_for=_chamber(personas),
        kind=FIRMS,
        table=parse_file("firms.xlsx", content),
        dry_run=False,
        consent=CONSENT,
    )
    assert errors_of(report) == [(3, "country", "Unknown country: Atlantis.")]
    assert not Firm.objects.filter(legal_name="Good Firm Ltd").exists()


# Idempotence ---------------------------------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing(personas):
    rows = _firm_file(firm_row("K1", "Pwani Juices Ltd"), firm_row("K2", "Lamu Oils Ltd"))
    run(_chamber(personas), FIRMS, rows)
    counts = (Firm.objects.count(), Representation.objects.count(), AuditEntry.objects.count())
    report = run(_chamber(personas), FIRMS, rows)
    assert report.counts == {"create": 0, "update": 0, "unchanged": 2, "error": 0}
    assert (Firm.objects.count(), Representation.objects.count()) == counts[:2]
    # Only the import itself is recorded; no firm was touched.
    assert AuditEntry.objects.count() == counts[2] + 1


def test_a_changed_line_updates_the_firm_it_was_imported_as(personas):
    run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")))
    firm = Firm.objects.get(legal_name="Pwani Juices Ltd")
    report = run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd", employees="80")))
    firm.refresh_from_db()
    assert report.counts["update"] == 1
    assert report.lines[0].object_reference == firm.reference
    assert (firm.employees, firm.size_class) == (80, "medium")
    assert Firm.objects.filter(legal_name="Pwani Juices Ltd").count() == 1


def test_source_references_belong_to_the_importing_organisation(personas):
    from interfirm.testing import make_intermediary, make_user

    other = make_intermediary("Coast Business Association", staff=make_user())
    run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")))
    report = run(other.organisation, FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")), dry_run=True)
    assert report.lines[0].outcome == "create"
    assert report.lines[0].warnings == (
        "A firm with the same name in the same country is already registered.",
    )


def test_a_firm_the_intermediary_no_longer_acts_for_is_not_updated(personas):
    run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")))
    Representation.objects.filter(firm__legal_name="Pwani Juices Ltd").update(ended_at="2025-01-01T00:00Z")
    report = run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd", employees="90")))
    assert errors_of(report) == [
        (2, "source_ref", "You no longer act for the firm imported with this reference.")
    ]


# Opportunities -------------------------------------------------------------------------------------

OPPORTUNITY_HEADER = [
    "source_ref",
    "firm_source_ref",
    "kind",
    "domains",
    "title",
    "summary",
    "description",
    "arrangement_types",
    "partner_countries",
    "sectors",
    "keywords",
    "deadline",
]


def _opportunity_row(ref: str, firm_ref: str = "K1", **overrides: str) -> list[str]:
    values = {
        "source_ref": ref,
        "firm_source_ref": firm_ref,
        "kind": "offer",
        "domains": "technology; production",
        "title": "Solar dryer licence",
        "summary": "A low-cost solar dryer for fruit.",
        "description": "Dries mango slices with solar heat and a small fan.",
        "arrangement_types": "licensing; Technical cooperation",
        "partner_countries": "UGA; TZ",
        "sectors": "1030",
        "keywords": "solar; dryer, fruit",
        "deadline": in_days(90),
    }
    values.update(overrides)
    return [values[column] for column in OPPORTUNITY_HEADER]


@pytest.fixture
def imported_firm(personas):
    run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")))
    return Firm.objects.get(legal_name="Pwani Juices Ltd")


def test_opportunities_are_imported_as_drafts_of_the_firm_named_by_its_source_reference(
    personas, imported_firm
):
    report = run(_chamber(personas), OPPORTUNITIES, [OPPORTUNITY_HEADER, _opportunity_row("O1")])
    opportunity = Opportunity.objects.get(firm=imported_firm)
    assert report.counts["create"] == 1
    assert (opportunity.status, opportunity.kind, opportunity.domains) == (
        "draft",
        "offer",
        ["technology", "production"],
    )
    assert opportunity.arrangement_types == ["licensing", "technical_cooperation"]
    assert sorted(opportunity.partner_countries.values_list("iso3", flat=True)) == ["TZA", "UGA"]
    assert opportunity.keywords == "solar, dryer, fruit"


def test_an_intermediary_may_send_imported_opportunities_for_review(personas, imported_firm):
    run(_chamber(personas), OPPORTUNITIES, [OPPORTUNITY_HEADER, _opportunity_row("O1")], submit=True)
    assert Opportunity.objects.get(firm=imported_firm).status == "submitted"


def test_an_unknown_firm_source_reference_is_reported(personas, imported_firm):
    report = run(
        _chamber(personas), OPPORTUNITIES, [OPPORTUNITY_HEADER, _opportunity_row("O1", firm_ref="K9")]
    )
    assert errors_of(report) == [
        (
            2,
            "firm_source_ref",
            "No firm you act for was imported with the reference “K9”: import the firms first.",
        )
    ]


def test_a_firm_the_intermediary_does_not_act_for_reads_as_unknown(personas):
    header = ["source_ref", "firm_reference", *OPPORTUNITY_HEADER[2:]]
    row = _opportunity_row("O1", firm_ref=personas.kenyan_sme.reference)
    report = run(_chamber(personas), OPPORTUNITIES, [header, row], dry_run=True)
    assert errors_of(report) == [
        (2, "firm_reference", f"No firm you act for has the reference “{personas.kenyan_sme.reference}”.")
    ]


@pytest.mark.parametrize(
    "overrides,column,message",
    [
        ({"kind": "swap"}, "kind", "“swap” is not one of: offer, request."),
        ({"deadline": "2026-13-01"}, "deadline", "“2026-13-01” is not a date (YYYY-MM-DD)."),
        ({"deadline": "2020-01-01"}, "deadline", "The deadline must be in the future."),
        ({"partner_countries": "UGA; Narnia"}, "partner_countries", "Unknown countries: Narnia."),
        ({"sectors": ""}, "sectors", "Give at least one ISIC Rev.4 class."),
        ({"title": "t" * 201}, "title", "The text is too long: 201 characters, at most 200."),
    ],
)
def test_a_bad_opportunity_cell_is_reported(personas, imported_firm, overrides, column, message):
    report = run(_chamber(personas), OPPORTUNITIES, [OPPORTUNITY_HEADER, _opportunity_row("O1", **overrides)])
    assert errors_of(report) == [(2, column, message)]
    assert not Opportunity.objects.filter(firm=imported_firm).exists()


def test_re_importing_opportunities_updates_them_in_place(personas, imported_firm):
    run(_chamber(personas), OPPORTUNITIES, [OPPORTUNITY_HEADER, _opportunity_row("O1")])
    again = run(_chamber(personas), OPPORTUNITIES, [OPPORTUNITY_HEADER, _opportunity_row("O1")])
    changed = run(
        _chamber(personas), OPPORTUNITIES, [OPPORTUNITY_HEADER, _opportunity_row("O1", title="Solar dryer")]
    )
    assert again.counts == {"create": 0, "update": 0, "unchanged": 1, "error": 0}
    assert changed.counts["update"] == 1
    assert list(Opportunity.objects.filter(firm=imported_firm).values_list("title", flat=True)) == [
        "Solar dryer"
    ]


def test_an_opportunity_under_review_cannot_be_changed_by_import(personas, imported_firm):
    run(_chamber(personas), OPPORTUNITIES, [OPPORTUNITY_HEADER, _opportunity_row("O1")], submit=True)
    report = run(_chamber(personas), OPPORTUNITIES, [OPPORTUNITY_HEADER, _opportunity_row("O1", title="New")])
    reference = Opportunity.objects.get(firm=imported_firm).reference
    assert errors_of(report) == [
        (
            2,
            "source_ref",
            f"{reference}: An opportunity with the status “Submitted for review” cannot be edited.",
        )
    ]


# European partnering profiles ----------------------------------------------------------------------

EEN_HEADER = [
    "Reference",
    "Title",
    "Summary",
    "Description",
    "Profile type",
    "Type of partnership considered",
    "NACE keywords",
    "Country of origin",
    "Stage of Development",
    "IPR Status",
    "Deadline",
    "Company size",
]


def _een_row(ref: str = "TODE20250101001", **overrides: str) -> list[str]:
    values = {
        "Reference": ref,
        "Title": "Fruit processor seeks drying technology",
        "Summary": "A German SME offers its fruit drying process.",
        "Description": "",
        "Profile type": "Technology Offer",
        "Type of partnership considered": "License agreement, Commercial agreement with technical assistance",
        "NACE keywords": "C.10.39 - Other processing and preserving of fruit and vegetables",
        "Country of origin": "Germany",
        "Stage of Development": "Already on the market",
        "IPR Status": "Secret know-how",
        "Deadline": "",
        "Company size": "11-49",
    }
    values.update(overrides)
    return [values[column] for column in EEN_HEADER]


def test_an_een_profile_becomes_a_draft_of_its_own_placeholder_firm(personas):
    report = run(_chamber(personas), EEN, [EEN_HEADER, _een_row()])
    opportunity = Opportunity.objects.get(firm__legal_name="EEN profile TODE20250101001")
    firm = opportunity.firm
    assert report.counts["create"] == 1
    assert (opportunity.kind, opportunity.domains, opportunity.status) == ("offer", ["technology"], "draft")
    assert opportunity.arrangement_types == ["licensing", "technical_cooperation"]
    assert (opportunity.stage, opportunity.ip_status) == ("market", "know_how")
    assert opportunity.description == "A German SME offers its fruit drying process."
    assert (firm.country_id, firm.size_class) == ("DEU", "small")


def test_een_nace_10_39_becomes_isic_1030(personas):
    run(_chamber(personas), EEN, [EEN_HEADER, _een_row()])
    opportunity = Opportunity.objects.get(firm__legal_name="EEN profile TODE20250101001")
    assert list(opportunity.sectors.values_list("code", flat=True)) == ["1030"]
    assert list(opportunity.firm.sectors.values_list("code", flat=True)) == ["1030"]


def test_the_placeholder_firm_records_its_consent_as_given_through_the_een(personas):
    run(_chamber(personas), EEN, [EEN_HEADER, _een_row()], consent=None)
    representation = Representation.objects.get(firm__legal_name="EEN profile TODE20250101001")
    assert representation.intermediary == personas.chamber
    assert representation.consent_given_by == "Imported from the European partnering database"
    assert representation.consent_note == "test.csv: EEN TODE20250101001"


def test_een_codes_without_the_section_letter_and_group_codes_are_read(personas):
    report = run(
        _chamber(personas), EEN, [EEN_HEADER, _een_row(**{"NACE keywords": "10.39; 28.93"})], dry_run=True
    )
    assert report.ok


@pytest.mark.parametrize(
    "overrides,column,message",
    [
        ({"NACE keywords": "C.99.99"}, "NACE keywords", "Unknown NACE Rev.2 codes: 99.99."),
        ({"NACE keywords": ""}, "NACE keywords", "Give at least one NACE Rev.2 code."),
        ({"Country of origin": "Ruritania"}, "Country of origin", "Unknown country: Ruritania."),
        (
            {"Profile type": "Barter"},
            "Profile type",
            "“Barter” is not a profile type (Business Offer, Business Request, Technology Offer, "
            "Technology Request, R&D Request).",
        ),
        (
            {"Type of partnership considered": "Handshake"},
            "Type of partnership considered",
            "Unknown types of partnership: Handshake.",
        ),
        ({"Deadline": "31.02.2027"}, "Deadline", "“31.02.2027” is not a date (YYYY-MM-DD, DD/MM/YYYY)."),
        ({"Company size": "some"}, "Company size", "“some” is not a company size (for example 11-49)."),
    ],
)
def test_a_bad_een_cell_is_reported_under_its_header(personas, overrides, column, message):
    report = run(_chamber(personas), EEN, [EEN_HEADER, _een_row(**overrides)], dry_run=True)
    assert [(line, column_title(EEN, key), text) for line, key, text in errors_of(report)] == [
        (2, column, message)
    ]


def test_a_nace_code_without_an_isic_class_is_reported_unmapped(personas):
    from interfirm.sectors.models import NaceCode

    NaceCode.objects.create(code="99.98", level="class", title="Nothing")
    report = run(_chamber(personas), EEN, [EEN_HEADER, _een_row(**{"NACE keywords": "99.98"})], dry_run=True)
    assert errors_of(report) == [
        (2, "nace_keywords", "No ISIC Rev.4 class corresponds to the NACE Rev.2 codes 99.98.")
    ]


def test_re_importing_een_profiles_updates_them(personas):
    run(_chamber(personas), EEN, [EEN_HEADER, _een_row()])
    again = run(_chamber(personas), EEN, [EEN_HEADER, _een_row()])
    moved = run(_chamber(personas), EEN, [EEN_HEADER, _een_row(**{"Company size": ">500"})])
    assert again.counts["unchanged"] == 1
    assert moved.counts["update"] == 1
    assert Firm.objects.get(legal_name="EEN profile TODE20250101001").size_class == "large"
    assert Opportunity.objects.filter(firm__legal_name="EEN profile TODE20250101001").count() == 1


def test_a_request_profile_for_subcontracting_is_a_production_request(personas):
    row = _een_row(**{"Profile type": "Business Request", "Type of partnership considered": "Subcontracting"})
    run(_chamber(personas), EEN, [EEN_HEADER, row])
    opportunity = Opportunity.objects.get(firm__legal_name="EEN profile TODE20250101001")
    assert (opportunity.kind, opportunity.domains, opportunity.arrangement_types) == (
        "request",
        ["marketing", "production"],
        ["subcontracting"],
    )


def column_title(kind: str, key: str) -> str:
    from interfirm.transfer.validation import column_title as title

    return title(kind, key)


def test_it_never_touches_firms_made_elsewhere(personas):
    existing = make_firm("Pwani Juices Ltd", country="KEN")
    run(_chamber(personas), FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd", employees="300")))
    existing.refresh_from_db()
    assert existing.employees == 25


def test_an_intermediary_organisation_without_a_directory_entry_imports_nothing(personas):
    from interfirm.testing import make_organisation

    orphan = make_organisation("intermediary", "Unlisted Agency")
    report = run(orphan, FIRMS, _firm_file(firm_row("K1", "Pwani Juices Ltd")))
    assert report.header_errors == ["Your organisation has no entry in the directory of intermediaries."]
    assert not Firm.objects.filter(legal_name="Pwani Juices Ltd").exists()
