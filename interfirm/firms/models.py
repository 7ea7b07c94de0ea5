"""Firm profiles, their contact persons, certifications, and the intermediaries that act for them.

A firm's *identity* — legal and trade name, city, website, contact persons — is confidential. Anyone
other than the firm, its representing intermediaries and the operators sees the anonymous profile
(``selectors.AnonymousFirmProfile``): country, size class, sectors, capabilities.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The fields that identify a firm. Anything rendering a firm for a non-party must leave them out.
CONFIDENTIAL_FIELDS: tuple[str, ...] = (
    "legal_name",
    "trade_name",
    "city",
    "address",
    "website",
    "email",
    "phone",
)


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class TurnoverBand(models.TextChoices):
    """Annual turnover, in US dollar equivalent. Ceilings follow the size thresholds (see ``sizing``)."""

    UP_TO_2M = "lt2m", _("Up to 2 million")
    UP_TO_10M = "lt10m", _("2 to 10 million")
    UP_TO_50M = "lt50m", _("10 to 50 million")
    OVER_50M = "gt50m", _("Over 50 million")


class Ownership(models.TextChoices):
    PRIVATE_DOMESTIC = "private_domestic", _("Privately owned, domestic")
    FAMILY = "family", _("Family owned")
    FOREIGN = "foreign", _("Foreign owned (subsidiary)")
    MIXED = "mixed", _("Joint venture, domestic and foreign")
    STATE = "state", _("State owned")
    COOPERATIVE = "cooperative", _("Cooperative")


class Certification(models.Model):
    """A standard or certification a firm can hold (ISO 9001, HACCP, …)."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.CharField(_("what it certifies"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self) -> str:
        return self.name


def _new_reference() -> str:
    return "F" + uuid.uuid4().hex[:7].upper()


class Firm(models.Model):
    """A firm's profile."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="firm"
    )
    uid = models.UUIDField(_("global id"), default=uuid.uuid4, unique=True, editable=False)
    reference = models.CharField(
        _("public reference"), max_length=12, unique=True, default=_new_reference, editable=False
    )
    # Identity (confidential)
    legal_name = models.CharField(_("legal name"), max_length=200)
    trade_name = models.CharField(_("trade name"), max_length=200, blank=True)
    name_key = models.CharField(max_length=200, db_index=True, editable=False)
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Public profile
    country = models.ForeignKey(
        "geo.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="firms"
    )
    year_founded = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    turnover_band = models.CharField(
        _("annual turnover"), max_length=8, choices=TurnoverBand.choices, blank=True
    )
    size_class = models.CharField(
        _("size class"), max_length=8, choices=SizeClass.choices, blank=True, editable=False
    )
    ownership = models.CharField(_("ownership"), max_length=20, choices=Ownership.choices, blank=True)
    sectors = models.ManyToManyField(
        "sectors.IsicCode", verbose_name=_("sectors (ISIC Rev.4)"), related_name="firms"
    )
    description = models.TextField(_("what the firm does"), max_length=4000, blank=True)
    technologies = models.TextField(_("technologies"), max_length=2000, blank=True)
    processes = models.TextField(_("processes"), max_length=2000, blank=True)
    equipment_capacity = models.TextField(_("equipment and capacity"), max_length=2000, blank=True)
    certifications = models.ManyToManyField(
        Certification, verbose_name=_("certifications"), related_name="firms", blank=True
    )
    # Lets a firm without certifications say so, so that the profile counts as complete on that point.
    declares_no_certifications = models.BooleanField(_("the firm holds no certifications"), default=False)
    markets = models.ManyToManyField(
        "geo.Country", verbose_name=_("markets served"), related_name="firms_serving", blank=True
    )
    languages = models.ManyToManyField(
        "geo.Language", verbose_name=_("languages"), related_name="+", blank=True
    )
    needs = models.TextField(_("what the firm is looking for"), max_length=2000, blank=True)
    # Bookkeeping
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("merged into"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["legal_name"]
        verbose_name = _("firm")
        verbose_name_plural = _("firms")

    def __str__(self) -> str:
        return self.trade_name or self.legal_name

    def get_absolute_url(self) -> str:
        return reverse("firms:detail", kwargs={"reference": self.reference})


class ContactPerson(models.Model):
    """A person to contact at a firm (confidential, like the firm's identity)."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)

    class Meta:
        ordering = ["-is_primary", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self) -> str:
        return self.name


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", _("Signed consent form")
    EMAIL = "email", _("By e-mail")
    IN_PERSON = "in_person", _("In person, witnessed")
    PHONE = "phone", _("By telephone")
    ONLINE = "online", _("Given online by the firm")


class Representation(models.Model):
    """An intermediary acting for a firm (para 29), with the firm's recorded consent."""

    firm = models.ForeignKey(Firm, on_delete=models.CASCADE, related_name="representations")
    intermediary = models.ForeignKey(
        "intermediaries.Intermediary", on_delete=models.CASCADE, related_name="representations"
    )
    is_contact_channel = models.BooleanField(
        _("the intermediary is the firm's contact channel"),
        default=True,
        help_text=_("Messages and notifications for the firm go to the intermediary."),
    )
    consent_method = models.CharField(
        _("how consent was given"), max_length=12, choices=ConsentMethod.choices
    )
    consent_given_on = models.DateField(_("consent given on"))
    consent_given_by = models.CharField(_("consent given by (name and position)"), max_length=200)
    consent_note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("representation")
        verbose_name_plural = _("representations")
        constraints = [
            models.UniqueConstraint(
                fields=["firm", "intermediary"],
                condition=models.Q(ended_at__isnull=True),
                name="firms_one_active_representation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.intermediary} for {self.firm}"
