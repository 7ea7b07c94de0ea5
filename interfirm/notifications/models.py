"""Notifications: an in-app inbox, and deliveries over pluggable channels (e-mail, SMS) kept in an
outbox so that a failed send is retried and never lost."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    NEW_EXPRESSION = "new_expression", _("A new expression of interest")
    DECISION = "decision", _("An answer to an expression of interest")
    MESSAGE = "message", _("A message about an expression of interest")
    REVIEW = "review", _("Review results of my opportunities")
    DEADLINE = "deadline", _("Approaching deadlines")
    REVIEW_REQUEST = "review_request", _("Opportunities waiting for my review")
    PARTNERSHIP = "partnership", _("Follow-up of my partnerships")
    MATCHING = "matching", _("Partner suggestions and saved-search alerts")


class Channel(models.TextChoices):
    INBOX = "inbox", _("Inbox on the site")
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")


class Notification(models.Model):
    """One notification for one user: the inbox row. Deliveries over other channels hang off it."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"), max_length=4000)
    url = models.CharField(_("link"), max_length=300, blank=True)
    on_behalf_of = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Set when the recipient is notified as the intermediary of this firm."),
    )
    # False when the user turned the inbox off for the topic but wants it by e-mail or SMS: the row
    # still anchors the deliveries, it just does not show in the inbox.
    in_inbox = models.BooleanField(_("shown in the inbox"), default=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notif_recipient_read_idx")]

    def __str__(self) -> str:
        return f"{self.recipient}: {self.subject}"


class Preference(models.Model):
    """Which channels a user wants for a topic. No row means the defaults (inbox and e-mail)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    inbox = models.BooleanField(_("inbox"), default=True)
    email = models.BooleanField(_("e-mail"), default=True)
    sms = models.BooleanField(_("SMS"), default=False)

    class Meta:
        verbose_name = _("notification preference")
        constraints = [
            models.UniqueConstraint(fields=["user", "topic"], name="notifications_one_preference_per_topic")
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.topic}"


# E.164: a plus sign, the country code (never starting with 0) and the number, 8 to 15 digits in all.
E164_PATTERN = r"^\+[1-9]\d{7,14}$"
e164_validator = RegexValidator(
    E164_PATTERN,
    _(
        "Enter the number in international format: a plus sign, the country code and the number,"
        " e.g. +254712345678."
    ),
    code="e164",
)


class ChannelAddress(models.Model):
    """Where a user receives notifications outside the site, other than the account's e-mail address."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="channel_address"
    )
    sms_number = models.CharField(
        _("mobile number for SMS"), max_length=16, blank=True, validators=[e164_validator]
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification address")
        verbose_name_plural = _("notification addresses")

    def __str__(self) -> str:
        return f"{self.user}: {self.sms_number or '-'}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed, will be retried")
    GAVE_UP = "gave_up", _("Failed too often")


class Delivery(models.Model):
    """A notification to send over one channel. The outbox: operators can read it."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    address = models.CharField(_("address"), max_length=254)
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("delivery")
        verbose_name_plural = _("outbox")

    def __str__(self) -> str:
        return f"{self.channel} → {self.address} ({self.status})"


class SmsMessage(models.Model):
    """What the default SMS backend 'sends': it records the message here, for operators to read."""

    to = models.CharField(_("to"), max_length=40)
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("SMS (recorded)")
        verbose_name_plural = _("SMS outbox")

    def __str__(self) -> str:
        return f"SMS to {self.to}"
