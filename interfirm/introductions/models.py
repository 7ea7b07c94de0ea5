"""Expressions of interest and the introductions they lead to.

A firm (or its intermediary for it) expresses interest in a published opportunity. Until the owner
accepts, the two sides talk through the platform with identities hidden; on acceptance each side sees
the other's identity and contacts, and the case appears for both sides' intermediaries.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EoiStatus(models.TextChoices):
    OPEN = "open", _("Awaiting an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    EXPIRED = "expired", _("Expired without an answer")


class DeclineReason(models.TextChoices):
    NOT_RELEVANT = "not_relevant", _("What is offered does not match what we seek")
    CAPACITY = "capacity", _("The partner lacks the capacity or requirements")
    GEOGRAPHY = "geography", _("Country or region not suitable")
    ALREADY_FOUND = "already_found", _("We have already found a partner")
    TIMING = "timing", _("Not the right time")
    INSUFFICIENT_INFORMATION = "information", _("Not enough information")
    OTHER = "other", _("Other")


class ExpressionOfInterest(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opportunity = models.ForeignKey(
        "opportunities.Opportunity", on_delete=models.CASCADE, related_name="expressions_of_interest"
    )
    firm = models.ForeignKey("firms.Firm", on_delete=models.CASCADE, related_name="expressions_of_interest")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_for = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        help_text=_("The organisation the submitter acted for: the firm itself or its intermediary."),
    )
    idempotency_key = models.CharField(max_length=100, blank=True)
    message = models.TextField(_("what we bring"), max_length=4000)
    status = models.CharField(
        _("status"), max_length=10, choices=EoiStatus.choices, default=EoiStatus.OPEN, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("answered"), null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=16, choices=DeclineReason.choices, blank=True)
    decline_note = models.TextField(_("note"), max_length=2000, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["opportunity", "firm"],
                condition=models.Q(status="open"),
                name="introductions_one_open_eoi_per_firm_and_opportunity",
            ),
            models.UniqueConstraint(
                fields=["submitted_by", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="introductions_eoi_idempotency",
            ),
        ]

    def __str__(self) -> str:
        return f"EOI {self.pk} on {self.opportunity_id} ({self.status})"


class Side(models.TextChoices):
    OWNER = "owner", _("Owner of the opportunity")
    INTERESTED = "interested", _("Interested firm")


class Message(models.Model):
    """A message between the two sides of an expression of interest, relayed by the platform."""

    expression = models.ForeignKey(ExpressionOfInterest, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(_("from"), max_length=10, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self) -> str:
        return f"{self.side} on EOI {self.expression_id}"
