"""API of notifications: one's own inbox (mark read) and notification preferences."""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import ValidationError
from ninja.params import P, QueryEx

from interfirm.lib.paging import MAX_PAGE
from interfirm.notifications.forms import PreferencesForm, field_name
from interfirm.notifications.models import Notification, Topic
from interfirm.notifications.selectors import (
    CHANNEL_NAMES,
    notification_get_for_user,
    notifications_for_user,
    preferences_for_user,
    sms_number_for_user,
    unread_count,
)
from interfirm.notifications.services import (
    notification_mark_read,
    notifications_mark_all_read,
    preferences_update,
)

router = Router(tags=["notifications"])
PER_PAGE = 25


class NotificationOut(Schema):
    id: int
    topic: str
    topic_label: str
    subject: str
    body: str
    url: str
    on_behalf_of: str | None = Field(None, description="the firm you are notified for, as its intermediary")
    created_at: str
    read_at: str | None


class NotificationPage(Schema):
    count: int
    unread: int
    page: int
    pages: int
    per_page: int
    results: list[NotificationOut]


class MarkedOut(Schema):
    marked: int


class TopicPreference(Schema):
    topic: Topic
    inbox: bool = True
    email: bool = True
    sms: bool = False


class TopicPreferenceOut(TopicPreference):
    label: str


class PreferencesOut(Schema):
    sms_number: str
    topics: list[TopicPreferenceOut]


class PreferencesIn(Schema):
    """Channels per topic (topics left out keep theirs) and the mobile number (E.164; "" removes it)."""

    sms_number: str = Field("", description="mobile number in international format, e.g. +254712345678")
    topics: list[TopicPreference] = []


def _out(notification: Notification) -> dict[str, Any]:
    return {
        "id": notification.pk,
        "topic": notification.topic,
        "topic_label": str(notification.get_topic_display()),
        "subject": notification.subject,
        "body": notification.body,
        "url": notification.url,
        "on_behalf_of": notification.on_behalf_of.name if notification.on_behalf_of else None,
        "created_at": notification.created_at.isoformat(),
        "read_at": notification.read_at.isoformat() if notification.read_at else None,
    }


def _preferences_out(user: Any) -> dict[str, Any]:
    labels = dict(Topic.choices)
    return {
        "sms_number": sms_number_for_user(user=user),
        "topics": [
            {"topic": topic, "label": str(labels[topic]), **channels}
            for topic, channels in preferences_for_user(user=user).items()
        ],
    }


@router.get("/", response=NotificationPage, summary="Your notifications")
def list_notifications(
    request: HttpRequest,
    unread: QueryEx[bool, P(description="only the unread ones")] = False,
    page: QueryEx[int, P(ge=1, le=MAX_PAGE)] = 1,
) -> dict[str, Any]:
    """Return your notifications, unread first then newest first, 25 a page."""
    user: Any = request.user
    found = notifications_for_user(user=user, unread_only=unread).select_related("on_behalf_of")
    count = found.count()
    start = (page - 1) * PER_PAGE
    return {
        "count": count,
        "unread": unread_count(user=user),
        "page": page,
        "pages": max(1, math.ceil(count / PER_PAGE)),
        "per_page": PER_PAGE,
        "results": [_out(n) for n in found[start : start + PER_PAGE]],
    }


@router.post("/read-all", response=MarkedOut, summary="Mark all read")
def read_all(request: HttpRequest) -> dict[str, int]:
    """Mark all your notifications read; return how many were unread."""
    return {"marked": notifications_mark_all_read(user=request.user)}  # type: ignore[arg-type]


@router.post("/{int:notification_id}/read", response=NotificationOut, summary="Mark one read")
def read_one(request: HttpRequest, notification_id: int) -> dict[str, Any]:
    """Mark one of your notifications read; 404 if it is not yours."""
    notification = notification_get_for_user(user=request.user, pk=notification_id)  # type: ignore[arg-type]
    return _out(notification_mark_read(notification=notification))


@router.get("/preferences", response=PreferencesOut, summary="Your notification preferences")
def get_preferences(request: HttpRequest) -> dict[str, Any]:
    """Return your channels per topic and your mobile number for SMS."""
    return _preferences_out(request.user)


@router.put("/preferences", response=PreferencesOut, summary="Change your notification preferences")
def put_preferences(request: HttpRequest, payload: PreferencesIn) -> dict[str, Any]:
    """Set your channels for the topics given and your mobile number; 422 naming each invalid field."""
    user: Any = request.user
    data = PreferencesForm.initial_for(preferences_for_user(user=user), payload.sms_number)
    positions: dict[str, int] = {}
    for index, item in enumerate(payload.topics):
        positions[str(item.topic)] = index
        for channel in CHANNEL_NAMES:
            data[field_name(str(item.topic), channel)] = getattr(item, channel)
    form = PreferencesForm({key: value for key, value in data.items() if value not in (False, None)})
    if not form.is_valid():
        errors: list[dict[str, Any]] = []
        for name, field_errors in form.errors.get_json_data().items():
            if "__" in name:  # a topic's checkbox: name it by its place in the list sent
                topic, channel = name.split("__", 1)
                loc = ["body", "topics", str(positions.get(topic, topic)), channel]
            else:
                loc = ["body", name]
            errors.extend(
                {"loc": loc, "msg": e["message"], "type": e["code"] or "invalid"} for e in field_errors
            )
        raise ValidationError(errors)
    preferences_update(user=user, choices=form.choices(), sms_number=form.cleaned_data["sms_number"])
    return _preferences_out(user)
