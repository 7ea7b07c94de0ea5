"""Pages of notifications: the inbox (mark one or all read) and the preferences."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from interfirm.lib.access import authenticated
from interfirm.notifications.forms import PreferencesForm
from interfirm.notifications.selectors import (
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

PER_PAGE = 25


def _safe_redirect(request: HttpRequest, target: str) -> HttpResponse:
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return redirect("notifications:inbox")


@authenticated
def inbox(request: HttpRequest) -> HttpResponse:
    """List the user's notifications, unread first, 25 a page; ``?unread=1`` shows only the unread."""
    unread_only = request.GET.get("unread") == "1"
    notifications = notifications_for_user(user=request.user, unread_only=unread_only)  # type: ignore[arg-type]
    page = Paginator(notifications.select_related("on_behalf_of"), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {
            "page": page,
            "unread_only": unread_only,
            "unread": unread_count(user=request.user),  # type: ignore[arg-type]
            "querystring": "unread=1&" if unread_only else "",
        },
    )


@authenticated
@require_POST
def mark_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of the user's notifications read; with ``open``, go on to what it links to."""
    notification = notification_get_for_user(user=request.user, pk=pk)  # type: ignore[arg-type]
    notification_mark_read(notification=notification)
    if "open" in request.POST and notification.url:
        return _safe_redirect(request, notification.url)
    return _safe_redirect(request, request.POST.get("next", ""))


@authenticated
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    """Mark all the user's notifications read."""
    count = notifications_mark_all_read(user=request.user)  # type: ignore[arg-type]
    if count:
        messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:inbox")


@authenticated
def preferences(request: HttpRequest) -> HttpResponse:
    """Let the user choose, per topic, the inbox, e-mail and SMS, and give the mobile number SMS go to."""
    user = request.user
    if request.method == "POST":
        form = PreferencesForm(request.POST)
        if form.is_valid():
            preferences_update(user=user, choices=form.choices(), sms_number=form.cleaned_data["sms_number"])  # type: ignore[arg-type]
            messages.success(request, _("Your notification preferences were saved."))
            return redirect("notifications:preferences")
    else:
        form = PreferencesForm(
            initial=PreferencesForm.initial_for(
                preferences_for_user(user=user),  # type: ignore[arg-type]
                sms_number_for_user(user=user),  # type: ignore[arg-type]
            )
        )
    return render(request, "notifications/preferences.html", {"form": form, "email": user.email})  # type: ignore[union-attr]
