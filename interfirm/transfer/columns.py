"""The documented column sets of each kind of import file.

The same definitions drive the header check, the downloadable CSV templates, the help on the upload
page and the opportunities export (whose columns are the import's, so that an export imports back).
Headers are matched without regard to case, spaces or punctuation: ``Source ref`` is ``source_ref``,
``Advantages and Innovations`` is ``advantages_and_innovations``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from interfirm.transfer.models import ImportKind

# Separates the items of a list cell (sectors, countries, certifications …).
LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    """One column of an import file: its header, whether the header must be present, what it holds."""

    name: str
    help: Promise | str
    example: str = ""
    required: bool = False
    header: str = ""  # the header as written in the template, when not ``name`` itself
    export_only: bool = False  # written by the export for information, ignored on import

    @property
    def key(self) -> str:
        return header_key(self.header or self.name)

    @property
    def title(self) -> str:
        return self.header or self.name


def header_key(header: str) -> str:
    """Return the key a header is matched by: lower case, runs of anything but letters and digits as
    one underscore (``"Type of partnership considered"`` → ``type_of_partnership_considered``)."""
    return re.sub(r"[^0-9a-z]+", "_", header.casefold()).strip("_")


FIRM_COLUMNS: tuple[Column, ...] = (
    Column(
        "source_ref",
        _(
            "The firm's reference in your existing database. Importing the same reference again updates "
            "the firm instead of creating another."
        ),
        "AMF-0042",
        required=True,
    ),
    Column(
        "legal_name", _("Registered name of the firm (confidential)."), "Amani Fresh Foods Ltd", required=True
    ),
    Column("trade_name", _("Name the firm trades under (confidential)."), "Amani Fresh"),
    Column("country", _("Country of the firm: ISO 3166 alpha-3 or alpha-2 code."), "KEN", required=True),
    Column("city", _("City (confidential)."), "Nairobi"),
    Column("address", _("Postal address (confidential)."), ""),
    Column("year_founded", _("Year the firm was founded, four digits."), "2009"),
    Column("employees", _("Number of employees, a whole number."), "32"),
    Column(
        "turnover_band",
        _(
            "Annual turnover in US dollar equivalent: lt2m (up to 2 million), lt10m (2 to 10 million), "
            "lt50m (10 to 50 million) or gt50m (over 50 million)."
        ),
        "lt2m",
    ),
    Column(
        "ownership",
        _("private_domestic, family, foreign, mixed, state or cooperative."),
        "family",
    ),
    Column(
        "sectors",
        _("ISIC Rev.4 class codes (four digits) separated by ;"),
        "1030; 1079",
    ),
    Column("description", _("What the firm does."), "Processes mango and passion fruit into pulp."),
    Column("technologies", _("Technologies the firm masters."), "Aseptic pulp processing"),
    Column("processes", _("Processes the firm runs."), "Pulping, pasteurising, solar drying"),
    Column("equipment_capacity", _("Equipment and capacity."), "2 t of fruit a day"),
    Column(
        "certifications",
        _("Certifications held, by code or name, separated by ; (for example iso-9001; HACCP)."),
        "haccp",
    ),
    Column("markets", _("Countries the firm sells in: ISO codes separated by ;"), "KEN; UGA; TZA"),
    Column("languages", _("Languages the firm works in: ISO 639-1 codes separated by ;"), "en; sw"),
    Column("needs", _("What the firm is looking for."), ""),
    Column("website", _("Website (confidential)."), "https://amanifresh.example"),
    Column("email", _("E-mail address of the firm (confidential)."), "info@amanifresh.example"),
    Column("phone", _("Telephone number of the firm (confidential)."), "+254 20 123 4567"),
    Column("contact_name", _("Name of the contact person (confidential)."), "Wanjiru Kamau"),
    Column("contact_position", _("Position of the contact person."), "Managing director"),
    Column("contact_email", _("E-mail address of the contact person."), "wanjiru@amanifresh.example"),
    Column("contact_phone", _("Telephone number of the contact person."), "+254 700 000 000"),
    Column(
        "consent_method",
        _(
            "How the firm consented to your acting for it: signed_form, email, in_person, phone or online. "
            "Leave empty to use the consent given on the upload form."
        ),
        "signed_form",
    ),
    Column("consent_date", _("When the firm consented, YYYY-MM-DD."), "2024-11-05"),
    Column("consent_given_by", _("Who gave the consent (name and position)."), "Wanjiru Kamau, director"),
)

OPPORTUNITY_COLUMNS: tuple[Column, ...] = (
    Column(
        "source_ref",
        _(
            "The opportunity's reference in your existing database. Importing the same reference again "
            "updates the opportunity."
        ),
        "OPP-2024-017",
        required=True,
    ),
    Column(
        "reference",
        _(
            "The platform's reference of an existing opportunity (OP…) to update; leave empty for a new "
            "one. The export fills it in."
        ),
        "",
    ),
    Column(
        "firm_source_ref",
        _("The firm's source_ref, as imported with the firms file. Give it or firm_reference."),
        "AMF-0042",
    ),
    Column("firm_reference", _("The firm's public reference on the platform (F…)."), ""),
    Column("kind", _("offer or request."), "offer", required=True),
    Column(
        "domains",
        _("technology, production, marketing and/or investment, separated by ;"),
        "technology; production",
        required=True,
    ),
    Column("title", _("Title, at most 200 characters."), "Licence for a solar fruit dryer", required=True),
    Column(
        "summary", _("Summary, at most 1000 characters."), "A proven low-cost solar dryer.", required=True
    ),
    Column("description", _("Description."), "Dries fruit slices with solar heat.", required=True),
    Column("advantages", _("What is innovative or advantageous."), "Halves drying time."),
    Column(
        "stage",
        _("Stage of development: concept, development, prototype, tested, market or na."),
        "market",
    ),
    Column(
        "ip_status",
        _("IP status: patent_granted, patent_applied, know_how, copyright, trademark, none or na."),
        "know_how",
    ),
    Column(
        "arrangement_types",
        _(
            "Arrangement types sought, separated by ;: licensing, subcontracting, joint_venture, "
            "franchising, distribution, technical_cooperation, rd_cooperation, strategic_alliance, "
            "equity_investment, supply, services_outsourcing."
        ),
        "licensing; technical_cooperation",
        required=True,
    ),
    Column("partner_role", _("Role and task of the partner sought."), "Manufacture and sell the dryer."),
    Column("partner_countries", _("Countries of the partner sought: ISO codes separated by ;"), "UGA; TZA"),
    Column("sectors", _("ISIC Rev.4 class codes separated by ;"), "1030; 2825", required=True),
    Column("keywords", _("Keywords separated by commas."), "solar, dryer, fruit"),
    Column(
        "deadline",
        _("Deadline, YYYY-MM-DD, in the future. Empty: the default deadline."),
        "2026-06-30",
    ),
    Column("status", _("Written by the export for information; ignored on import."), "", export_only=True),
)

EEN_COLUMNS: tuple[Column, ...] = (
    Column(
        "reference",
        _("The profile's reference in the European partnering database; it is the source reference."),
        "TOKE20241105001",
        required=True,
        header="Reference",
    ),
    Column("title", _("Title."), "Solar fruit dryer seeks licensees", required=True, header="Title"),
    Column("summary", _("Summary."), "A Kenyan SME offers its solar dryer.", required=True, header="Summary"),
    Column(
        "description",
        _("Description (the summary is used when it is empty)."),
        "",
        header="Description",
    ),
    Column(
        "advantages_and_innovations",
        _("What is innovative or advantageous."),
        "",
        header="Advantages and Innovations",
    ),
    Column(
        "stage_of_development",
        _(
            "Concept stage, Under development/lab tested, Prototype available for demonstration, "
            "Field tested/evaluated, Already on the market."
        ),
        "Already on the market",
        header="Stage of Development",
    ),
    Column(
        "ipr_status",
        _(
            "Patent(s) granted, Patent(s) applied for, Secret know-how, Copyright, Trade marks, "
            "Design rights, No IPR applied."
        ),
        "Secret know-how",
        header="IPR Status",
    ),
    Column(
        "profile_type",
        _("Business Offer, Business Request, Technology Offer, Technology Request or R&D Request."),
        "Technology Offer",
        required=True,
        header="Profile type",
    ),
    Column(
        "type_and_role_of_partner_sought",
        _("Type and role of the partner sought."),
        "A manufacturer of agricultural equipment.",
        header="Type and Role of Partner Sought",
    ),
    Column(
        "type_of_partnership_considered",
        _(
            "Partnership types separated by ; or commas (License agreement, Commercial agreement with "
            "technical assistance, Manufacturing agreement, Joint venture agreement …)."
        ),
        "License agreement; Technical cooperation agreement",
        header="Type of partnership considered",
    ),
    Column(
        "nace_keywords",
        _("NACE Rev.2 codes separated by ; (C.10.39 or 10.39, with or without the label)."),
        "C.10.39 - Other processing and preserving of fruit and vegetables",
        required=True,
        header="NACE keywords",
    ),
    Column(
        "country_of_origin",
        _("Country of the profile's owner: name or ISO code."),
        "Kenya",
        required=True,
        header="Country of origin",
    ),
    Column("deadline", _("Deadline: YYYY-MM-DD or DD/MM/YYYY."), "", header="Deadline"),
    Column(
        "company_size",
        _("Employees as a band: <10, 11-49, 50-249, 250-499, >500."),
        "11-49",
        header="Company size",
    ),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.FIRMS: FIRM_COLUMNS,
    ImportKind.OPPORTUNITIES: OPPORTUNITY_COLUMNS,
    ImportKind.EEN: EEN_COLUMNS,
}

# Opportunities name their firm by one of these columns; the header must have at least one.
FIRM_LINK_COLUMNS: tuple[str, ...] = ("firm_source_ref", "firm_reference")


def columns_for(kind: str) -> tuple[Column, ...]:
    """Return the columns of ``kind`` (a value of ``ImportKind``)."""
    return COLUMNS[kind]


def template_csv_rows(kind: str) -> list[list[str]]:
    """Return the rows of the downloadable template of ``kind``: the header and one example row."""
    columns = [column for column in columns_for(kind) if not column.export_only]
    return [[column.title for column in columns], [column.example for column in columns]]
