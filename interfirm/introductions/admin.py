"""Admin of expressions of interest and their messages, for operators."""

from __future__ import annotations

from django.contrib import admin

from interfirm.introductions.models import ExpressionOfInterest, Message


class MessageInline(admin.TabularInline):
    model = Message
    extra = 0
    fields = ("side", "author", "body", "created_at")
    readonly_fields = ("side", "author", "body", "created_at")
    can_delete = False


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(admin.ModelAdmin):
    list_display = (
        "pk",
        "opportunity",
        "firm",
        "status",
        "created_at",
        "expires_at",
        "decided_at",
        "decline_reason",
    )
    list_filter = ("status", "decline_reason")
    search_fields = ("opportunity__reference", "opportunity__title", "firm__legal_name", "firm__reference")
    date_hierarchy = "created_at"
    raw_id_fields = ("opportunity", "firm", "submitted_by", "submitted_for", "decided_by")
    readonly_fields = ("uid", "idempotency_key", "created_at")
    inlines = [MessageInline]


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = ("pk", "expression", "side", "author", "created_at")
    list_filter = ("side",)
    search_fields = ("expression__opportunity__reference", "body")
    raw_id_fields = ("expression", "author")
