"""The intermediary directory: organisations that help firms partner, what they cover and offer."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class IntermediaryType(models.TextChoices):
    CHAMBER = "chamber", _("Chamber of commerce")
    ASSOCIATION = "association", _("Business or industry association")
    IPA = "ipa", _("Investment promotion agency")
    EMPRETEC = "empretec", _("EMPRETEC centre")
    TECHNOLOGY_CENTRE = "technology_centre", _("Technology centre or science park")
    MATCHMAKING = "matchmaking", _("Match-making agency")
    DFI = "dfi", _("Development finance institution")
    GOVERNMENT = "government", _("Government agency")
    UNIVERSITY = "university", _("University or R&D institute")
    INTERNATIONAL = "international", _("International organisation")


class Service(models.Model):
    """A service an intermediary offers (partner search, diagnosis, …). Seeded by a migration."""

    code = models.SlugField(_("code"), max_length=40, primary_key=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.name


class Network(models.Model):
    """A network intermediaries belong to (EMPRETEC, WAIPA, EEN, …)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["acronym", "name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self) -> str:
        return self.acronym or self.name


class Intermediary(models.Model):
    """An organisation in the directory. Its own details are public: that is what a directory is for."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="intermediary"
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=IntermediaryType.choices, db_index=True)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    country = models.ForeignKey(
        "geo.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="intermediaries"
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    countries_covered = models.ManyToManyField(
        "geo.Country", verbose_name=_("countries covered"), related_name="intermediaries_covering", blank=True
    )
    sectors_covered = models.ManyToManyField(
        "sectors.IsicCode", verbose_name=_("sectors covered"), related_name="intermediaries", blank=True
    )
    services = models.ManyToManyField(
        Service, verbose_name=_("services offered"), related_name="intermediaries"
    )
    languages = models.ManyToManyField(
        "geo.Language", verbose_name=_("languages"), related_name="+", blank=True
    )
    networks = models.ManyToManyField(Network, verbose_name=_("networks"), related_name="members", blank=True)
    is_listed = models.BooleanField(
        _("listed in the public directory"),
        default=True,
        help_text=_("Unlisted organisations keep their accounts."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("intermediary")
        verbose_name_plural = _("intermediaries")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("intermediaries:detail", kwargs={"slug": self.slug})
