"""Reads about notifications: a user's inbox and preferences, who a notification reaches, what is due."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import Http404

from interfirm.accounts.models import Membership, Organisation, OrganisationKind, User
from interfirm.firms.models import Firm, Representation
from interfirm.notifications.models import (
    ChannelAddress,
    Delivery,
    DeliveryStatus,
    Notification,
    Preference,
    Topic,
)

# The channels a user can choose per topic, and what they get without a preference row.
CHANNEL_NAMES: tuple[str, ...] = ("inbox", "email", "sms")
DEFAULT_CHANNELS: dict[str, bool] = {"inbox": True, "email": True, "sms": False}
RETRYABLE_STATUSES: tuple[str, ...] = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


def notifications_for_user(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    """Return the user's inbox: unread first, then newest first."""
    notifications = Notification.objects.filter(recipient=user, in_inbox=True)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.alias(
        is_read=Case(When(read_at__isnull=True, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("is_read", "-created_at", "-id")


def notification_get_for_user(*, user: User, pk: int) -> Notification:
    """Return the user's own notification ``pk``; 404 for anyone else's."""
    notification = Notification.objects.filter(recipient=user, in_inbox=True, pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def unread_count(*, user: User) -> int:
    """Return how many of the user's inbox notifications are unread (one indexed count)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True, in_inbox=True).count()


def preferences_for_user(*, user: User) -> dict[str, dict[str, bool]]:
    """Return ``{topic: {"inbox": …, "email": …, "sms": …}}`` for every topic, defaults filled in."""
    choices = {topic: dict(DEFAULT_CHANNELS) for topic in Topic.values}
    for preference in Preference.objects.filter(user=user):
        choices[preference.topic] = {name: getattr(preference, name) for name in CHANNEL_NAMES}
    return choices


def sms_number_for_user(*, user: User) -> str:
    """Return the user's mobile number for SMS, or an empty string."""
    address = ChannelAddress.objects.filter(user=user).first()
    return address.sms_number if address else ""


@dataclass(frozen=True)
class Addressee:
    """A user a notification reaches, and the firm they are notified for when they are its intermediary."""

    user: User
    on_behalf_of: Organisation | None = None
    firm_name: str = ""


def _active_members(organisation_ids: Iterable[int]) -> dict[int, list[User]]:
    members: dict[int, list[User]] = {}
    for membership in (
        Membership.objects.filter(organisation_id__in=list(organisation_ids), user__is_active=True)
        .select_related("user")
        .order_by("organisation_id", "user_id")
    ):
        members.setdefault(membership.organisation_id, []).append(membership.user)
    return members


def addressees_for(recipients: Iterable[Organisation | User]) -> list[Addressee]:
    """Return the users ``recipients`` stand for, each once.

    An organisation stands for its active members (all roles). A firm that an intermediary speaks for
    — an active representation that is the firm's contact channel, or any active representation of a
    firm without users — also stands for that intermediary's members, notified on the firm's behalf.
    A user reached directly is not notified again as an intermediary.
    """
    users: list[User] = []
    organisations: list[Organisation] = []
    for recipient in recipients:
        if isinstance(recipient, Organisation):
            organisations.append(recipient)
        elif isinstance(recipient, User):
            users.append(recipient)
        else:
            raise TypeError(f"notify() takes organisations and users, not {type(recipient).__name__}")
    members = _active_members(o.pk for o in organisations)

    direct: list[Addressee] = [Addressee(user=u) for u in users if u.is_active]
    for organisation in organisations:
        direct.extend(Addressee(user=u) for u in members.get(organisation.pk, []))

    firm_organisations = [o.pk for o in organisations if o.kind == OrganisationKind.FIRM]
    firms = {firm.pk: firm for firm in Firm.objects.filter(organisation_id__in=firm_organisations)}
    spoken_for: list[tuple[Firm, int]] = []  # (firm, organisation id of an intermediary speaking for it)
    for representation in (
        Representation.objects.filter(firm_id__in=list(firms), ended_at__isnull=True)
        .select_related("intermediary")
        .order_by("created_at", "id")
    ):
        firm = firms[representation.firm_id]
        if representation.is_contact_channel or not members.get(firm.organisation_id):
            spoken_for.append((firm, representation.intermediary.organisation_id))
    intermediary_members = _active_members(organisation_id for _, organisation_id in spoken_for)
    organisations_by_id = {o.pk: o for o in organisations}
    on_behalf: list[Addressee] = [
        Addressee(user=u, on_behalf_of=organisations_by_id[firm.organisation_id], firm_name=firm.legal_name)
        for firm, organisation_id in spoken_for
        for u in intermediary_members.get(organisation_id, [])
    ]

    seen: set[int] = set()
    addressees: list[Addressee] = []
    for addressee in [*direct, *on_behalf]:
        if addressee.user.pk not in seen:
            seen.add(addressee.user.pk)
            addressees.append(addressee)
    return addressees


def preferences_of_users(*, users: Iterable[User], topic: str) -> dict[int, dict[str, bool]]:
    """Return ``{user id: channels}`` for ``topic``; users without a preference row are left out."""
    return {
        p.user_id: {name: getattr(p, name) for name in CHANNEL_NAMES}
        for p in Preference.objects.filter(user__in=list(users), topic=topic)
    }


def sms_numbers_of_users(*, users: Iterable[User]) -> dict[int, str]:
    """Return ``{user id: mobile number}`` for the users who gave one."""
    return dict(
        ChannelAddress.objects.filter(user__in=list(users))
        .exclude(sms_number="")
        .values_list("user_id", "sms_number")
    )


def deliveries_due(*, now: datetime.datetime, limit: int) -> list[int]:
    """Return the ids of up to ``limit`` waiting or failed deliveries now due, oldest first."""
    return list(
        Delivery.objects.filter(status__in=RETRYABLE_STATUSES, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
