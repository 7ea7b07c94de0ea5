"""Support instruments (para 9, 34, 37, 41, 44): concessional loans, risk guarantees, venture capital,
cost-sharing grants, training, study tours and missions, each offered by a provider from the
intermediary directory, with its eligibility rules as data (read by ``eligibility``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class InstrumentKind(models.TextChoices):
    CONCESSIONAL_LOAN = "concessional_loan", _("Concessional loan")
    RISK_GUARANTEE = "risk_guarantee", _("Risk guarantee")
    VENTURE_CAPITAL = "venture_capital", _("Venture capital")
    COST_SHARING_GRANT = "cost_sharing_grant", _("Cost-sharing grant")
    TRAINING = "training", _("Training")
    STUDY_TOUR = "study_tour", _("Study tour or mission")


class SupportInstrument(models.Model):
    """A support instrument and the rules a firm (or a partnership) must meet to qualify.

    Empty rules do not restrict. ``economy_groups``, ``size_classes``, ``isic_prefixes`` (a section
    letter or the start of an ISIC code) and ``arrangement_types`` are lists of codes.
    """

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=InstrumentKind.choices, db_index=True)
    provider = models.ForeignKey(
        "intermediaries.Intermediary",
        on_delete=models.CASCADE,
        related_name="support_instruments",
        verbose_name=_("provider"),
    )
    description = models.TextField(_("description"), max_length=4000, blank=True)
    amount_min = models.DecimalField(
        _("smallest amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("largest amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency (ISO 4217)"), max_length=3, blank=True)
    deadline = models.DateField(_("deadline to apply"), null=True, blank=True)
    is_active = models.BooleanField(_("open to applications"), default=True)
    # Eligibility rules
    countries = models.ManyToManyField(
        "geo.Country", verbose_name=_("countries"), related_name="+", blank=True
    )
    economy_groups = models.JSONField(_("economy groups"), default=list, blank=True)
    ldc_only = models.BooleanField(_("only firms in least developed countries"), default=False)
    size_classes = models.JSONField(_("size classes"), default=list, blank=True)
    isic_prefixes = models.JSONField(_("sectors (ISIC section or code prefix)"), default=list, blank=True)
    arrangement_types = models.JSONField(_("arrangement types"), default=list, blank=True)
    min_readiness = models.CharField(_("minimum readiness level"), max_length=12, blank=True)
    cofinancing_required = models.BooleanField(
        _("both partners must contribute funds"),
        default=False,
        help_text=_("Companies at both ends contribute at the start and do not rely on subsidies (para 41)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("support instrument")
        verbose_name_plural = _("support instruments")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("instruments:detail", kwargs={"slug": self.slug})

    def is_open(self, today: object = None) -> bool:
        day = today or timezone.localdate()
        return self.is_active and (self.deadline is None or self.deadline >= day)  # type: ignore[operator]
