"""Template context: the signed-in user's count of unread notifications, for the badge in the menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """Return ``notifications_unread``: a lazy count, queried only when a template uses it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notifications_unread": 0}

    def count() -> int:
        from interfirm.notifications.selectors import unread_count

        return unread_count(user=user)

    return {"notifications_unread": SimpleLazyObject(count)}
