"""The registry of what the demo loader created, so that a reset deletes demo data and nothing else."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoObject(models.Model):
    """A row the demo loader created (an organisation or a user). Deleting it deletes what hangs off it."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(_("object id"), max_length=64)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("demo object")
        verbose_name_plural = _("demo objects")
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="demo_object_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id}"
