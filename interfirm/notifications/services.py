"""Writing notifications: ``notify`` (the inbox rows and the deliveries), sending deliveries with
retries, marking read, and a user's preferences.

Other apps call ``notify`` inside their own transaction; the deliveries are sent by a background task
enqueued when that transaction commits, so nothing is sent for a change that is rolled back. A send
that fails is recorded on its ``Delivery`` and retried with exponential backoff, by the task (when the
task backend can defer) and in any case by ``deliveries_retry_due`` (the ``notifications_send``
command, run by cron or the worker). A failure never deletes or changes the notification itself.

Notifications and delivery attempts are not written to the audit trail: the rows are their own
record (the outbox keeps attempts and errors), and the service calling ``notify`` audits its action.
Changes of preferences and an operator's "retry now" are audited.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext

from interfirm.accounts.models import Organisation, User
from interfirm.audit.services import audit_record
from interfirm.notifications.channels import channel_for
from interfirm.notifications.models import (
    Channel,
    ChannelAddress,
    Delivery,
    DeliveryStatus,
    Notification,
    Preference,
)
from interfirm.notifications.selectors import (
    CHANNEL_NAMES,
    DEFAULT_CHANNELS,
    RETRYABLE_STATUSES,
    addressees_for,
    deliveries_due,
    preferences_for_user,
    preferences_of_users,
    sms_number_for_user,
    sms_numbers_of_users,
)

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

logger = logging.getLogger(__name__)

SUBJECT_MAX = Notification._meta.get_field("subject").max_length or 200
BODY_MAX = Notification._meta.get_field("body").max_length or 4000
# While one process sends a delivery, others leave it alone for this long. If the process dies
# mid-send, the delivery becomes due again after it.
SEND_LEASE = datetime.timedelta(minutes=5)
ERROR_MAX = 2000


def _text(value: StrOrPromise, limit: int) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def notify(
    *,
    topic: str,
    recipients: Iterable[Organisation | User],
    subject: StrOrPromise,
    body: StrOrPromise,
    url: str = "",
) -> list[Notification]:
    """Notify ``recipients`` (organisations stand for their members) of ``topic``; return the notifications.

    Each user is notified once, over the channels their preference for the topic asks for (inbox
    and e-mail unless they chose otherwise; SMS only with a mobile number). Members of an
    intermediary that speaks for a firm among the recipients are notified on the firm's behalf,
    the subject starting "For <firm's legal name>:". Lazy translations in ``subject`` and ``body``
    are rendered in each recipient's language. ``url`` is a path on this site. Deliveries are sent
    by a background task after the surrounding transaction commits.
    """
    addressees = addressees_for(recipients)
    users = [a.user for a in addressees]
    preferences = preferences_of_users(users=users, topic=topic)
    sms_numbers = sms_numbers_of_users(users=users)
    now = timezone.now()

    notifications: list[Notification] = []
    wanted: list[tuple[Notification, dict[str, bool]]] = []
    for addressee in addressees:
        user = addressee.user
        channels = preferences.get(user.pk, DEFAULT_CHANNELS)
        if not any(channels.values()):
            continue
        with translation.override(user.preferred_language):
            subject_text = str(subject)
            if addressee.on_behalf_of is not None:
                subject_text = gettext("For %(firm)s: %(subject)s") % {
                    "firm": addressee.firm_name,
                    "subject": subject_text,
                }
            notification = Notification(
                recipient=user,
                topic=topic,
                subject=_text(subject_text, SUBJECT_MAX),
                body=_text(body, BODY_MAX),
                url=url,
                on_behalf_of=addressee.on_behalf_of,
                in_inbox=channels["inbox"],
                created_at=now,
            )
        notifications.append(notification)
        wanted.append((notification, channels))

    with transaction.atomic():
        Notification.objects.bulk_create(notifications)
        deliveries: list[Delivery] = []
        for notification, channels in wanted:
            user = notification.recipient
            if channels["email"] and user.email:
                deliveries.append(
                    Delivery(
                        notification=notification,
                        channel=Channel.EMAIL,
                        address=user.email,
                        next_attempt_at=now,
                    )
                )
            if channels["sms"] and sms_numbers.get(user.pk):
                deliveries.append(
                    Delivery(
                        notification=notification,
                        channel=Channel.SMS,
                        address=sms_numbers[user.pk],
                        next_attempt_at=now,
                    )
                )
        Delivery.objects.bulk_create(deliveries)
        for delivery in deliveries:
            transaction.on_commit(partial(_enqueue_send, delivery.pk), robust=True)
    return notifications


def _enqueue_send(delivery_id: int, run_after: datetime.datetime | None = None) -> None:
    """Enqueue the send task; if the task backend cannot, the delivery waits for ``notifications_send``."""
    from interfirm.notifications.tasks import delivery_send as delivery_send_task

    task = delivery_send_task.using(run_after=run_after) if run_after is not None else delivery_send_task
    task.enqueue(delivery_id=delivery_id)


def retry_delay(attempts: int) -> datetime.timedelta:
    """Return how long to wait after the ``attempts``-th failed attempt: the base, doubled each time."""
    return datetime.timedelta(seconds=settings.NOTIFICATION_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def delivery_send(*, delivery_id: int, now: datetime.datetime | None = None) -> str | None:
    """Send delivery ``delivery_id`` if it is waiting or failed and due; return its status, None if skipped.

    Idempotent: a delivery that was sent, was given up, is not due, or is being sent by another
    process is skipped. A failure increments the attempts, keeps the error and schedules the next
    attempt (exponential backoff); after ``NOTIFICATION_MAX_ATTEMPTS`` the delivery is given up.
    """
    now = now or timezone.now()
    # Claim the delivery with one conditional UPDATE, so two workers never send it both.
    claimed = Delivery.objects.filter(
        pk=delivery_id, status__in=RETRYABLE_STATUSES, next_attempt_at__lte=now
    ).update(next_attempt_at=now + SEND_LEASE)
    if not claimed:
        return None
    delivery = Delivery.objects.select_related("notification__recipient").get(pk=delivery_id)
    try:
        channel_for(delivery.channel).send(delivery)
    except Exception as exc:
        return _delivery_failed(delivery, exc, now)
    Delivery.objects.filter(pk=delivery_id).update(
        status=DeliveryStatus.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
    )
    return DeliveryStatus.SENT


def _delivery_failed(delivery: Delivery, exc: Exception, now: datetime.datetime) -> str:
    attempts = delivery.attempts + 1
    gave_up = attempts >= settings.NOTIFICATION_MAX_ATTEMPTS
    status = DeliveryStatus.GAVE_UP if gave_up else DeliveryStatus.FAILED
    next_attempt_at = now + retry_delay(attempts)
    logger.warning(
        "notification delivery %s over %s failed (attempt %s): %r",
        delivery.pk,
        delivery.channel,
        attempts,
        exc,
    )
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            status=status,
            attempts=attempts,
            last_error=_text(f"{type(exc).__name__}: {exc}", ERROR_MAX),
            next_attempt_at=next_attempt_at,
        )
        if not gave_up and _task_backend_can_defer():
            transaction.on_commit(partial(_enqueue_send, delivery.pk, next_attempt_at), robust=True)
    return status


def _task_backend_can_defer() -> bool:
    from interfirm.notifications.tasks import delivery_send as delivery_send_task

    return bool(delivery_send_task.get_backend().supports_defer)


_REPORT_KEYS: dict[str, str] = {
    DeliveryStatus.SENT: "sent",
    DeliveryStatus.FAILED: "failed",
    DeliveryStatus.GAVE_UP: "gave_up",
}


@dataclass(frozen=True)
class SendReport:
    """What one run over the due deliveries did."""

    sent: int = 0
    failed: int = 0
    gave_up: int = 0
    skipped: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"sent": self.sent, "failed": self.failed, "gave_up": self.gave_up, "skipped": self.skipped}


def deliveries_retry_due(*, now: datetime.datetime | None = None, limit: int = 500) -> SendReport:
    """Send every waiting or failed delivery that is due (up to ``limit``); return the counts.

    This is the safety net behind the task queue: run periodically (``manage.py notifications_send``),
    it sends what a lost or never-enqueued task left behind.
    """
    now = now or timezone.now()
    counts = {"sent": 0, "failed": 0, "gave_up": 0, "skipped": 0}
    for delivery_id in deliveries_due(now=now, limit=limit):
        status = delivery_send(delivery_id=delivery_id, now=now)
        counts[_REPORT_KEYS.get(status or "", "skipped")] += 1
    return SendReport(**counts)


def deliveries_retry_now(*, actor: User, deliveries: Sequence[Delivery]) -> int:
    """Make the given unsent deliveries due now (given-up ones get one more attempt) and enqueue them.

    Return how many were rescheduled. Sent deliveries are left alone.
    """
    now = timezone.now()
    count = 0
    with transaction.atomic():
        for delivery in deliveries:
            if delivery.status == DeliveryStatus.SENT:
                continue
            before = delivery.status
            # A given-up delivery gets one more attempt: its attempts stay, so a failure gives up again.
            delivery.status = DeliveryStatus.PENDING
            delivery.next_attempt_at = now
            delivery.save(update_fields=["status", "next_attempt_at"])
            audit_record(
                actor=actor,
                acting_for=None,
                action="notifications.delivery_retry",
                obj=delivery,
                changes={"status": [before, delivery.status]},
            )
            transaction.on_commit(partial(_enqueue_send, delivery.pk), robust=True)
            count += 1
    return count


def notification_mark_read(*, notification: Notification) -> Notification:
    """Mark ``notification`` read (once: the first reading time is kept)."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification


def notifications_mark_all_read(*, user: User) -> int:
    """Mark all the user's unread notifications read; return how many."""
    return Notification.objects.filter(recipient=user, in_inbox=True, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def preferences_update(*, user: User, choices: dict[str, dict[str, bool]], sms_number: str) -> None:
    """Set the user's channels per topic (``{topic: {"inbox": …, "email": …, "sms": …}}``) and mobile number.

    Topics left out of ``choices`` keep their setting. ``sms_number`` is E.164 or empty (removes it).
    """
    with transaction.atomic():
        before = {"choices": preferences_for_user(user=user), "sms_number": sms_number_for_user(user=user)}
        for topic, channels in choices.items():
            Preference.objects.update_or_create(
                user=user, topic=topic, defaults={name: bool(channels[name]) for name in CHANNEL_NAMES}
            )
        if sms_number:
            ChannelAddress.objects.update_or_create(user=user, defaults={"sms_number": sms_number})
        else:
            ChannelAddress.objects.filter(user=user).delete()
        after = {"choices": preferences_for_user(user=user), "sms_number": sms_number}
        changes = {key: [before[key], after[key]] for key in before if before[key] != after[key]}
        if changes:
            audit_record(
                actor=user,
                acting_for=None,
                action="notifications.preferences_update",
                obj=user,
                changes=changes,
            )
