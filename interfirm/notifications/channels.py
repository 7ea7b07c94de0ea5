"""The channels a notification is delivered over besides the inbox: e-mail and SMS.

A channel turns a ``Delivery`` into a message and hands it on; it raises on any failure, and the
sending service (``services.delivery_send``) records the error and retries later. The inbox needs no
channel: the ``Notification`` row is the inbox entry.

SMS goes through a *backend*, named by ``settings.SMS_BACKEND`` (a dotted path). The default,
``RecordingSmsBackend``, sends nothing: it records each message as an ``SmsMessage`` row, the SMS
outbox that operators read in the admin (and pass on by hand, or through a phone, where there is no
gateway). To plug in a real gateway, write a class with one method::

    class AfricasTalkingSmsBackend:
        def send(self, *, to: str, body: str) -> None:
            response = requests.post(GATEWAY_URL, data={"to": to, "message": body}, timeout=10)
            response.raise_for_status()  # raise on failure: the delivery is retried

put it in any importable module and set ``SMS_BACKEND=yourpackage.sms.AfricasTalkingSmsBackend``.
``to`` is an E.164 number (``+254712345678``); ``body`` is plain text of at most ``SMS_MAX_LENGTH``
characters. The backend is created once per message, so it may read its own settings in ``__init__``.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

from interfirm.notifications import models

SMS_MAX_LENGTH = 320  # two concatenated SMS: enough for a subject and a link


def absolute_link(url: str) -> str:
    """Return ``url`` on this installation's public address; the inbox when the notification has no link."""
    if url.startswith(("http://", "https://")):
        return url
    path = url or reverse("notifications:inbox")
    return settings.SITE_URL.rstrip("/") + path


def _message_context(notification: models.Notification) -> dict[str, Any]:
    return {
        "notification": notification,
        "recipient": notification.recipient,
        "link": absolute_link(notification.url),
        "preferences_link": absolute_link(reverse("notifications:preferences")),
        "installation_name": settings.INSTALLATION_NAME,
        "site_url": settings.SITE_URL.rstrip("/"),
    }


class Channel(ABC):
    """A way of delivering a notification. ``send`` returns when the message is handed on, else raises."""

    @abstractmethod
    def send(self, delivery: models.Delivery) -> None: ...


class EmailChannel(Channel):
    """Send the notification as a plain-text e-mail with a link to the site, in the recipient's language."""

    def send(self, delivery: models.Delivery) -> None:
        notification = delivery.notification
        context = _message_context(notification)
        with translation.override(notification.recipient.preferred_language):
            subject = " ".join(
                render_to_string("notifications/email/notification_subject.txt", context).split()
            )
            body = render_to_string("notifications/email/notification_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [delivery.address], fail_silently=False)


class SmsBackend(Protocol):
    """What ``settings.SMS_BACKEND`` names: hands one text to a gateway, raising on failure."""

    def send(self, *, to: str, body: str) -> None: ...


class RecordingSmsBackend:
    """The default SMS backend: records the message in the SMS outbox (``SmsMessage``) instead of sending."""

    def send(self, *, to: str, body: str) -> None:
        models.SmsMessage.objects.create(to=to, body=body)


def sms_backend() -> SmsBackend:
    """Return an instance of the SMS backend named by ``settings.SMS_BACKEND``."""
    backend_class = import_string(settings.SMS_BACKEND)
    return backend_class()


class SmsChannel(Channel):
    """Send a short text (subject and link) to the recipient's mobile number through the SMS backend."""

    def send(self, delivery: models.Delivery) -> None:
        sms_backend().send(to=delivery.address, body=sms_text(delivery.notification))


def sms_text(notification: models.Notification) -> str:
    """Return the SMS for ``notification``: the installation, the subject (shortened if need be), the link."""
    link = absolute_link(notification.url)
    head = f"{settings.INSTALLATION_NAME}: {' '.join(notification.subject.split())}"
    room = SMS_MAX_LENGTH - len(link) - 1
    if len(head) > room:
        head = head[: max(room - 1, 0)] + "…"
    return f"{head} {link}"


CHANNELS: dict[str, type[Channel]] = {
    models.Channel.EMAIL: EmailChannel,
    models.Channel.SMS: SmsChannel,
}


def channel_for(name: str) -> Channel:
    """Return the channel that delivers over ``name`` (``models.Channel``); KeyError for the inbox."""
    return CHANNELS[name]()
