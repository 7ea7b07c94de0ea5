"""Partnership readiness: versioned diagnostic instruments and the assessments made with them.

An ``Instrument`` (the questionnaire) has ``InstrumentVersion`` rows. A version holds its dimensions,
items, variants for local conditions and the level bands (the thresholds, as data). Only a draft
version can change: once published it is frozen (``save`` and ``delete`` refuse), so an assessment
that points at it can always be re-read as it was answered. An assessment also stores its answers
and its computed result, so its result never changes when the instrument does.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReadinessLevel(models.TextChoices):
    NOT_READY = "not_ready", _("Not yet ready")
    EMERGING = "emerging", _("Emerging")
    READY = "ready", _("Ready")
    EXPERIENCED = "experienced", _("Experienced partner")


# The order of the levels: a "minimum level" compares ranks.
LEVEL_RANK: dict[str, int] = {level: rank for rank, level in enumerate(ReadinessLevel.values, start=1)}


def level_rank(level: str) -> int:
    """Return the rank of ``level`` (1 = not yet ready … 4 = experienced), 0 for none."""
    return LEVEL_RANK.get(level, 0)


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    RETIRED = "retired", _("Retired")


class ItemKind(models.TextChoices):
    YES_NO = "yes_no", _("Yes or no")
    SCALE = "scale", _("Scale")
    CHOICE = "choice", _("Choice")
    NUMBER = "number", _("Number")
    EVIDENCE = "evidence", _("Evidence (certificate, document)")


class VariantKind(models.TextChoices):
    LDC = "ldc", _("Firms in least developed countries")
    SECTOR = "sector", _("Sector-specific items")


class VersionFrozen(Exception):
    """A published or retired version of an instrument cannot change."""


class Instrument(models.Model):
    """A diagnostic questionnaire; its content lives in its versions."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("diagnostic instrument")
        verbose_name_plural = _("diagnostic instruments")

    def __str__(self) -> str:
        return self.name


class InstrumentVersion(models.Model):
    """One version of an instrument. Drafts are edited; published versions are frozen."""

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    gap_below = models.PositiveSmallIntegerField(
        _("gap threshold"),
        default=60,
        help_text=_("A dimension scoring below this (0–100) is a gap with an action plan."),
    )
    notes = models.TextField(_("what changed"), blank=True)
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["instrument", "-number"]
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "number"], name="readiness_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk and kwargs.get("update_fields") is None:
            stored = InstrumentVersion.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored and stored != VersionStatus.DRAFT and self.status == stored:
                raise VersionFrozen(_("A published version cannot be changed: copy it as a new draft."))
        super().save(*args, **kwargs)

    @property
    def is_frozen(self) -> bool:
        return self.status != VersionStatus.DRAFT


class _VersionPart(models.Model):
    """A row of a version's content: frozen once its version is published."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._check_draft()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._check_draft()
        return super().delete(*args, **kwargs)

    def _check_draft(self) -> None:
        version_id = self.version_id  # type: ignore[attr-defined]
        status = InstrumentVersion.objects.filter(pk=version_id).values_list("status", flat=True).first()
        if status and status != VersionStatus.DRAFT:
            raise VersionFrozen(_("A published version cannot be changed: copy it as a new draft."))


class Dimension(_VersionPart):
    """A dimension of readiness (clarity of motives, quality systems, …) with its weight and the
    action that closes a gap in it: what to do, and the intermediary services that help."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="dimensions")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    action = models.TextField(_("what to do when this is a gap"), blank=True)
    services = models.ManyToManyField(
        "intermediaries.Service",
        verbose_name=_("services that close a gap"),
        related_name="+",
        blank=True,
    )
    intermediary_types = models.JSONField(
        _("intermediary types that close a gap"),
        default=list,
        blank=True,
        help_text=_("For instance empretec: EMPRETEC centres for entrepreneurial attitudes."),
    )
    paragraphs = models.CharField(_("paragraphs of the report"), max_length=60, blank=True)

    class Meta:
        ordering = ["version", "position", "code"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="readiness_dimension_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Variant(_VersionPart):
    """Items for local conditions: for firms in an LDC, or in a sector (ISIC section letter or code
    prefix). Chosen for each firm by its country group and its sectors."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="variants")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("applies to"), max_length=10, choices=VariantKind.choices)
    isic_prefix = models.CharField(
        _("ISIC section or code prefix"),
        max_length=4,
        blank=True,
        help_text=_("For a sector variant: a section letter (C) or the start of a code (10)."),
    )

    class Meta:
        ordering = ["version", "code"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="readiness_variant_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Item(_VersionPart):
    """A question. ``choices`` (for a choice item) is a list of ``{"value", "label", "points"}``."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="items")
    dimension = models.ForeignKey(Dimension, on_delete=models.CASCADE, related_name="items")
    variant = models.ForeignKey(
        Variant,
        on_delete=models.CASCADE,
        related_name="items",
        null=True,
        blank=True,
        verbose_name=_("variant"),
        help_text=_("Empty: asked of every firm."),
    )
    replaces = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("replaces the item"),
        help_text=_("When the variant applies, this item is asked instead of that one."),
    )
    code = models.SlugField(_("code"), max_length=40)
    text = models.CharField(_("question"), max_length=400)
    help = models.CharField(_("help"), max_length=400, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=ItemKind.choices)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=1)
    scale_max = models.PositiveSmallIntegerField(
        _("top of the scale"), default=4, help_text=_("A scale item is answered from 0 to this.")
    )
    target = models.DecimalField(
        _("target"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A number item scores in full at this value."),
    )
    number_max = models.DecimalField(
        _("largest answer"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A number item's answer may not exceed this (100 for a share in per cent)."),
    )
    choices = models.JSONField(_("choices"), default=list, blank=True)
    paragraph = models.CharField(_("paragraph of the report"), max_length=20, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["version", "dimension__position", "position", "code"]
        verbose_name = _("item")
        verbose_name_plural = _("items")
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="readiness_item_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class LevelBand(_VersionPart):
    """The overall scores (``min_score`` ≤ score < ``max_score``; the top band includes 100) that give
    a readiness level."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="bands")
    level = models.CharField(_("level"), max_length=12, choices=ReadinessLevel.choices)
    min_score = models.DecimalField(_("from (included)"), max_digits=5, decimal_places=1)
    max_score = models.DecimalField(_("to (excluded)"), max_digits=5, decimal_places=1)

    class Meta:
        ordering = ["version", "min_score"]
        verbose_name = _("level band")
        verbose_name_plural = _("level bands")

    def __str__(self) -> str:
        return f"{self.get_level_display()} {self.min_score}–{self.max_score}"


class Source(models.TextChoices):
    SELF = "self", _("Self-assessment")
    GUIDED = "guided", _("Guided by an intermediary")
    VALIDATED = "validated", _("Validated by an intermediary")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Assessment(models.Model):
    """A firm's readiness assessment, made with one instrument version and kept with its answers and
    its result as computed on submission."""

    firm = models.ForeignKey("firms.Firm", on_delete=models.CASCADE, related_name="readiness_assessments")
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.SELF)
    variants = models.JSONField(_("variants applied"), default=list, blank=True)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    overall_score = models.DecimalField(_("overall score"), max_digits=5, decimal_places=1, null=True)
    level = models.CharField(_("level"), max_length=12, choices=ReadinessLevel.choices, blank=True)
    guided_by = models.ForeignKey(
        "intermediaries.Intermediary",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guided_assessments",
        verbose_name=_("guided by"),
    )
    validated_by = models.ForeignKey(
        "intermediaries.Intermediary",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="validated_assessments",
        verbose_name=_("validated by"),
    )
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    validation_note = models.TextField(_("validation note"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("readiness assessment")
        verbose_name_plural = _("readiness assessments")
        indexes = [models.Index(fields=["firm", "status", "submitted_at"])]

    def __str__(self) -> str:
        # The firm's public reference, never its name: audit rows and logs keep this text.
        return f"{self.firm.reference} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("readiness:detail", kwargs={"pk": self.pk})

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT

    @property
    def is_validated(self) -> bool:
        return self.validated_at is not None
