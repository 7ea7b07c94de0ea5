"""Bulk import and export: what was imported from which source, and uploads waiting for confirmation.

A programme moving its existing database in imports the same file more than once (a dry run, then the
import; next month, the updated export of its old system). ``ImportedRecord`` remembers, for each
importing organisation, which object each of its source references became, so that importing a row
again updates that object instead of creating a second one.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ImportKind(models.TextChoices):
    FIRMS = "firms", _("Firms")
    OPPORTUNITIES = "opportunities", _("Opportunities")
    EEN = "een", _("European partnering profiles (EEN format)")


class ImportBatch(models.Model):
    """One import that wrote to the database (dry runs leave no batch)."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+", verbose_name=_("imported for")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=255, blank=True)
    counts = models.JSONField(_("rows by outcome"), default=dict)
    created_at = models.DateTimeField(_("imported"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"


class ImportedRecord(models.Model):
    """The object a source reference of an importing organisation became."""

    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    source = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("importing organisation"),
    )
    source_ref = models.CharField(_("reference in the source database"), max_length=100)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="records"
    )
    created_at = models.DateTimeField(_("first imported"), default=timezone.now)
    updated_at = models.DateTimeField(_("last imported"), default=timezone.now)

    class Meta:
        ordering = ["kind", "source_ref"]
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source", "source_ref"], name="transfer_one_record_per_source_ref"
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.source_ref} → {self.content_type.model} {self.object_id}"


class PendingUpload(models.Model):
    """A file uploaded for a dry run, kept so that the user can import it without uploading it again.

    Tied to the user and the organisation they acted for; kept in the database (not on a disk one web
    process may not share with another) and dropped after ``TRANSFER_UPLOAD_KEEP_HOURS``.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=ImportKind.choices)
    file_name = models.CharField(_("file"), max_length=255)
    content = models.BinaryField()
    options = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uploaded file waiting for import")
        verbose_name_plural = _("uploaded files waiting for import")

    def __str__(self) -> str:
        return self.file_name
