"""Opportunities: a firm's offers and requests for technology, production, marketing and investment
cooperation, reviewed by intermediaries and published anonymously.

Life cycle (``Status``): draft → submitted → (on hold → submitted …) → published → expired / withdrawn /
closed; or rejected. ``services.py`` holds the transitions; nothing else changes ``status``.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _installation_id() -> str:
    return settings.INSTALLATION_ID


def _new_reference() -> str:
    return "OP" + uuid.uuid4().hex[:8].upper()


class Kind(models.TextChoices):
    OFFER = "offer", _("Offer")
    REQUEST = "request", _("Request")


class Domain(models.TextChoices):
    TECHNOLOGY = "technology", _("Technology")
    PRODUCTION = "production", _("Production")
    MARKETING = "marketing", _("Marketing")
    INVESTMENT = "investment", _("Investment and finance")


class ArrangementType(models.TextChoices):
    LICENSING = "licensing", _("Licensing")
    SUBCONTRACTING = "subcontracting", _("Subcontracting")
    JOINT_VENTURE = "joint_venture", _("Joint venture")
    FRANCHISING = "franchising", _("Franchising")
    DISTRIBUTION = "distribution", _("Distribution or agency")
    TECHNICAL_COOPERATION = "technical_cooperation", _("Technical cooperation")
    RD_COOPERATION = "rd_cooperation", _("R&D cooperation")
    STRATEGIC_ALLIANCE = "strategic_alliance", _("Strategic alliance")
    EQUITY_INVESTMENT = "equity_investment", _("Equity investment")
    SUPPLY = "supply", _("Supply or manufacturing agreement")
    SERVICES_OUTSOURCING = "services_outsourcing", _("Services outsourcing")


# Which arrangement types belong naturally to which domain (used to suggest and to check coherence).
ARRANGEMENTS_BY_DOMAIN: dict[str, tuple[str, ...]] = {
    Domain.TECHNOLOGY: (
        ArrangementType.LICENSING,
        ArrangementType.TECHNICAL_COOPERATION,
        ArrangementType.RD_COOPERATION,
        ArrangementType.JOINT_VENTURE,
        ArrangementType.STRATEGIC_ALLIANCE,
    ),
    Domain.PRODUCTION: (
        ArrangementType.SUBCONTRACTING,
        ArrangementType.SUPPLY,
        ArrangementType.JOINT_VENTURE,
        ArrangementType.SERVICES_OUTSOURCING,
        ArrangementType.TECHNICAL_COOPERATION,
    ),
    Domain.MARKETING: (
        ArrangementType.DISTRIBUTION,
        ArrangementType.FRANCHISING,
        ArrangementType.JOINT_VENTURE,
        ArrangementType.STRATEGIC_ALLIANCE,
    ),
    Domain.INVESTMENT: (ArrangementType.EQUITY_INVESTMENT, ArrangementType.JOINT_VENTURE),
}


class Stage(models.TextChoices):
    CONCEPT = "concept", _("Concept or idea")
    DEVELOPMENT = "development", _("Under development")
    PROTOTYPE = "prototype", _("Prototype available")
    TESTED = "tested", _("Field tested or validated")
    MARKET = "market", _("Already on the market")
    NOT_APPLICABLE = "na", _("Not applicable")


class IpStatus(models.TextChoices):
    PATENT_GRANTED = "patent_granted", _("Patent(s) granted")
    PATENT_APPLIED = "patent_applied", _("Patent(s) applied for")
    SECRET_KNOW_HOW = "know_how", _("Secret know-how")
    COPYRIGHT = "copyright", _("Copyright")
    TRADEMARK = "trademark", _("Trademark or design rights")
    NONE = "none", _("No IP protection")
    NOT_APPLICABLE = "na", _("Not applicable")


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    ON_HOLD = "on_hold", _("On hold: changes requested")
    REJECTED = "rejected", _("Rejected")
    PUBLISHED = "published", _("Published")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    CLOSED = "closed", _("Closed: partner found")


class PartnerType(models.TextChoices):
    FIRM = "firm", _("Firm")
    RESEARCH = "research", _("University or research institute")
    PUBLIC = "public", _("Public body")
    INVESTOR = "investor", _("Investor or financial institution")


class Opportunity(models.Model):
    """An offer or request. The owning firm's identity is never part of what the public sees."""

    uid = models.UUIDField(_("global id"), default=uuid.uuid4, unique=True, editable=False)
    installation = models.CharField(_("installation"), max_length=64, default=_installation_id, db_index=True)
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=_new_reference, editable=False
    )
    firm = models.ForeignKey("firms.Firm", on_delete=models.CASCADE, related_name="opportunities")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("offer or request"), max_length=8, choices=Kind.choices, db_index=True)
    domains = models.JSONField(
        _("domains"),
        default=list,
        help_text=_("One or more of technology, production, marketing, investment."),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    description = models.TextField(_("description"), max_length=8000)
    advantages = models.TextField(_("what is innovative or advantageous"), max_length=3000, blank=True)
    stage = models.CharField(
        _("stage of development"), max_length=12, choices=Stage.choices, default=Stage.NOT_APPLICABLE
    )
    ip_status = models.CharField(
        _("IP status"), max_length=16, choices=IpStatus.choices, default=IpStatus.NOT_APPLICABLE
    )
    arrangement_types = models.JSONField(_("arrangement types sought"), default=list)
    # The partner sought
    partner_role = models.TextField(_("role and task of the partner sought"), max_length=2000, blank=True)
    partner_sizes = models.JSONField(_("partner size classes"), default=list, blank=True)
    partner_types = models.JSONField(_("partner types"), default=list, blank=True)
    partner_countries = models.ManyToManyField(
        "geo.Country", verbose_name=_("partner countries"), related_name="+", blank=True
    )
    partner_regions = models.JSONField(_("partner regions (M49 codes)"), default=list, blank=True)
    partner_economy_groups = models.JSONField(_("partner economy groups"), default=list, blank=True)
    partner_corridors = models.JSONField(_("corridors sought"), default=list, blank=True)
    # Requirements the partner must meet
    required_certifications = models.ManyToManyField(
        "firms.Certification", verbose_name=_("required certifications"), related_name="+", blank=True
    )
    required_capacity = models.CharField(_("required capacity"), max_length=500, blank=True)
    required_languages = models.ManyToManyField(
        "geo.Language", verbose_name=_("required languages"), related_name="+", blank=True
    )
    sectors = models.ManyToManyField(
        "sectors.IsicCode", verbose_name=_("sectors (ISIC Rev.4)"), related_name="opportunities"
    )
    keywords = models.CharField(_("keywords"), max_length=500, blank=True)
    deadline = models.DateField(_("deadline"))
    # Life cycle
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    identity_flags = models.JSONField(_("identity found in the text"), default=list, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(_("ended"), null=True, blank=True)
    reminders_sent = models.JSONField(default=list, blank=True, editable=False)
    source_reference = models.CharField(
        _("reference in the source database"), max_length=100, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [models.Index(fields=["status", "deadline"]), models.Index(fields=["status", "kind"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("opportunities:detail", kwargs={"reference": self.reference})


class ReviewDecision(models.TextChoices):
    PUBLISH = "publish", _("Publish")
    HOLD = "hold", _("Put on hold with comments")
    REJECT = "reject", _("Reject")


class Review(models.Model):
    """An intermediary's review of a submitted opportunity: four criteria scored 0–5."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewer_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    clarity = models.PositiveSmallIntegerField(_("clarity"))
    innovation = models.PositiveSmallIntegerField(_("what is innovative or advantageous"))
    cooperation = models.PositiveSmallIntegerField(_("the cooperation sought"))
    language = models.PositiveSmallIntegerField(_("language"))
    decision = models.CharField(_("decision"), max_length=8, choices=ReviewDecision.choices)
    comments = models.TextField(_("comments to the owner"), max_length=4000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"{self.opportunity.reference}: {self.decision}"

    @property
    def total(self) -> int:
        return self.clarity + self.innovation + self.cooperation + self.language
