"""Best-practice cases (para 6, 11(a), 29): structured accounts of partnerships that others can learn from.

A case comes from one of three places (``CaseOrigin``): the source report's own cases, seeded from
``data/cases/report_cases.json``; a completed partnership of the exchange whose parties all consented
(``CaseConsent``), anonymised unless every party chose to be named; or an operator recording one.

Only published cases are public. The corridor and the other facets are computed from the parties
(``facets.py``) and stored, with a flat ``facets`` key string, so that filters are plain ``LIKE``
queries that behave the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from interfirm.firms.models import SizeClass
from interfirm.geo.corridors import CorridorKind
from interfirm.geo.models import EconomyGroup


class CaseOrigin(models.TextChoices):
    SEEDED = "seeded", _("From the source report")
    PARTNERSHIP = "partnership", _("From a partnership, with the parties' consent")
    OPERATOR = "operator", _("Recorded by the operator")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class OrganisationType(models.TextChoices):
    FIRM = "firm", _("Private firm")
    MULTINATIONAL = "multinational", _("Multinational corporation")
    STATE_ENTERPRISE = "state_enterprise", _("State-owned enterprise")
    RESEARCH = "research", _("University or research institute")
    PUBLIC_BODY = "public_body", _("Public body or development fund")
    PUBLIC_PRIVATE = "public_private", _("Public-private corporation")
    FIRM_GROUP = "firm_group", _("Group of small firms")


def _new_reference() -> str:
    return "CS" + uuid.uuid4().hex[:8].upper()


class Case(models.Model):
    """A best-practice case."""

    uid = models.UUIDField(_("global id"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=_new_reference, editable=False
    )
    # The stable key of a seeded case in its data file (blank for the others).
    seed_key = models.SlugField(_("key in the seed file"), max_length=60, blank=True)
    origin = models.CharField(_("origin"), max_length=12, choices=CaseOrigin.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.DRAFT, db_index=True
    )
    anonymised = models.BooleanField(
        _("anonymised"), default=True, help_text=_("The parties are described, never named.")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=2000)
    arrangement_types = models.JSONField(_("arrangement types"), default=list, blank=True)
    unfolded = models.TextField(_("how it unfolded"), max_length=6000, blank=True)
    outcomes = models.TextField(_("outcomes"), max_length=4000, blank=True)
    success_factors = models.JSONField(_("success factors"), default=list, blank=True)
    lessons = models.JSONField(_("lessons"), default=list, blank=True)
    source_citation = models.CharField(_("source"), max_length=400, blank=True)
    source_paragraphs = models.JSONField(_("paragraphs of the source"), default=list, blank=True)
    period_start = models.PositiveSmallIntegerField(_("from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("to (year)"), null=True, blank=True)
    # Computed from the parties (``facets.case_refresh_facets``).
    corridor = models.CharField(_("corridor"), max_length=24, choices=CorridorKind.choices, blank=True)
    corridors = models.JSONField(_("corridors between the parties"), default=list, blank=True)
    involves_ldc = models.BooleanField(_("involves a least developed country"), default=False)
    involves_transition = models.BooleanField(_("involves an economy in transition"), default=False)
    domestic = models.BooleanField(_("all parties in one country"), default=False)
    facets = models.TextField(editable=False, blank=True)
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        verbose_name=_("partnership"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cases",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-period_start", "title"]
        verbose_name = _("best-practice case")
        verbose_name_plural = _("best-practice cases")
        constraints = [
            models.UniqueConstraint(
                fields=["seed_key"], condition=~models.Q(seed_key=""), name="cases_unique_seed_key"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("cases:detail", kwargs={"reference": self.reference})

    @property
    def is_published(self) -> bool:
        return self.status == CaseStatus.PUBLISHED


class CaseParty(models.Model):
    """A party to a case: where it is, how large, in what sector, and what it brought."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    # Shown only when the case is not anonymised (seeded cases name the parties the report names).
    name = models.CharField(_("name"), max_length=200, blank=True)
    description = models.CharField(
        _("description"),
        max_length=200,
        blank=True,
        help_text=_("How the party is described when it is not named (“partners in Tunisia”)."),
    )
    country = models.ForeignKey(
        "geo.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    economy_group = models.CharField(
        _("group of countries"),
        max_length=12,
        choices=EconomyGroup.choices,
        blank=True,
        help_text=_("When only the group is known (“universities in developed countries”)."),
    )
    size_class = models.CharField(_("size class"), max_length=8, choices=SizeClass.choices, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=20, choices=OrganisationType.choices
    )
    sectors = models.ManyToManyField(
        "sectors.IsicCode", verbose_name=_("sectors (ISIC Rev.4)"), related_name="+", blank=True
    )
    brought = models.TextField(_("what it brought"), max_length=2000, blank=True)
    firm = models.ForeignKey(
        "firms.Firm",
        verbose_name=_("firm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The firm of the exchange, for a case drawn from a partnership (never shown)."),
    )
    # In an anonymised case an operator recorded: per name the operator gave to check the texts for,
    # its fingerprints (``opportunities.identity.name_fingerprints``), never the name itself.
    name_prints = models.JSONField(
        _("fingerprints of the names checked for"), default=list, blank=True, editable=False
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("party to a case")
        verbose_name_plural = _("parties to a case")

    def __str__(self) -> str:
        return f"party {self.position} of {self.case_id}"

    @property
    def names_checked(self) -> int:
        """How many names of the party the texts are checked for (their fingerprints are kept)."""
        return len(self.name_prints or [])


class CaseConsent(models.Model):
    """A party's consent that its completed partnership becomes a best-practice case."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="case_consents"
    )
    party = models.ForeignKey(
        "partnerships.PartnershipParty", on_delete=models.CASCADE, related_name="case_consents"
    )
    named = models.BooleanField(
        _("the firm may be named"),
        default=False,
        help_text=_("Unless every party agrees to be named, the case is anonymised."),
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    given_for = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    given_at = models.DateTimeField(_("given"), default=timezone.now)

    class Meta:
        ordering = ["given_at", "id"]
        verbose_name = _("consent to a case")
        verbose_name_plural = _("consents to cases")
        constraints = [
            models.UniqueConstraint(fields=["party"], name="cases_one_consent_per_party"),
        ]

    def __str__(self) -> str:
        return f"consent of party {self.party_id}"
