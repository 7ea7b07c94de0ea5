"""ISIC Rev.4 and the NACE Rev.2 correspondence."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class IsicLevel(models.TextChoices):
    SECTION = "section", _("Section")
    DIVISION = "division", _("Division")
    GROUP = "group", _("Group")
    CLASS = "class", _("Class")


class IsicCode(models.Model):
    """A node of the ISIC Rev.4 hierarchy: section (letter), division (2 digits), group (3), class (4)."""

    code = models.CharField(_("code"), max_length=4, primary_key=True)
    level = models.CharField(_("level"), max_length=8, choices=IsicLevel.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
        verbose_name=_("parent"),
    )
    section = models.CharField(_("section"), max_length=1, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("ISIC Rev.4 code")
        verbose_name_plural = _("ISIC Rev.4 codes")

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"


class NaceCode(models.Model):
    """A node of NACE Rev.2, kept to read profiles coded in NACE (European partnering databases)."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    level = models.CharField(_("level"), max_length=8, choices=IsicLevel.choices)
    title = models.CharField(_("title"), max_length=300)
    isic = models.ManyToManyField(
        IsicCode, related_name="nace_codes", blank=True, verbose_name=_("ISIC Rev.4")
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("NACE Rev.2 code")
        verbose_name_plural = _("NACE Rev.2 codes")

    def __str__(self) -> str:
        return f"{self.code} – {self.title}"
