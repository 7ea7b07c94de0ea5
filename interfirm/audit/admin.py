"""The audit trail in the admin: operators read it; nobody, superusers included, adds, edits or deletes."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from interfirm.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_email", "acting_for_name", "action", "object_type", "object_repr")
    list_filter = ("action", "object_type", ("at", admin.DateFieldListFilter))
    search_fields = ("actor_email", "acting_for_name", "object_repr", "object_id")
    date_hierarchy = "at"
    list_select_related = ()
    readonly_fields = (
        "at",
        "actor",
        "actor_email",
        "acting_for",
        "acting_for_name",
        "action",
        "object_type",
        "object_id",
        "object_repr",
        "changes",
    )
    actions = None

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
