"""Admin of notifications: the notifications, the outbox of deliveries (retry now), the SMS outbox."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from interfirm.notifications.models import ChannelAddress, Delivery, Notification, Preference, SmsMessage
from interfirm.notifications.services import deliveries_retry_now


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ("channel", "address", "status", "attempts", "last_error", "next_attempt_at", "sent_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("subject", "recipient", "topic", "on_behalf_of", "in_inbox", "created_at", "read_at")
    list_filter = ("topic", "in_inbox", ("read_at", admin.EmptyFieldListFilter), "created_at")
    search_fields = ("subject", "recipient__email", "recipient__full_name")
    raw_id_fields = ("recipient", "on_behalf_of")
    list_select_related = ("recipient", "on_behalf_of")
    date_hierarchy = "created_at"
    inlines = [DeliveryInline]


class HasErrorFilter(admin.SimpleListFilter):
    title = _("last error")
    parameter_name = "has_error"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [("yes", _("With an error")), ("no", _("Without an error"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "yes":
            return queryset.exclude(last_error="")
        if self.value() == "no":
            return queryset.filter(last_error="")
        return queryset


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "channel",
        "address",
        "status",
        "attempts",
        "short_error",
        "next_attempt_at",
        "sent_at",
    )
    list_filter = ("status", "channel", "attempts", HasErrorFilter)
    search_fields = ("address", "last_error", "notification__subject")
    raw_id_fields = ("notification",)
    readonly_fields = (
        "notification",
        "channel",
        "address",
        "attempts",
        "last_error",
        "sent_at",
        "created_at",
    )
    list_select_related = ("notification",)
    actions = ["retry_now"]

    @admin.display(description=_("last error"))
    def short_error(self, delivery: Delivery) -> str:
        return delivery.last_error[:80]

    @admin.action(description=_("Retry now"))
    def retry_now(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        count = deliveries_retry_now(actor=request.user, deliveries=list(queryset))  # type: ignore[arg-type]
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be sent again.", "%(count)d deliveries will be sent again.", count
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(SmsMessage)
class SmsMessageAdmin(admin.ModelAdmin):
    list_display = ("to", "body", "created_at")
    search_fields = ("to", "body")
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Preference)
class PreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "topic", "inbox", "email", "sms")
    list_filter = ("topic", "inbox", "email", "sms")
    search_fields = ("user__email",)
    raw_id_fields = ("user",)


@admin.register(ChannelAddress)
class ChannelAddressAdmin(admin.ModelAdmin):
    list_display = ("user", "sms_number", "updated_at")
    search_fields = ("user__email", "sms_number")
    raw_id_fields = ("user",)
