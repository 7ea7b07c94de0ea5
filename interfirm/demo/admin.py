"""The demo registry in the admin: read-only, it is written by ``manage.py load_demo``."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from interfirm.demo.models import DemoObject


@admin.register(DemoObject)
class DemoObjectAdmin(admin.ModelAdmin):
    list_display = ("content_type", "object_id", "created_at")
    list_filter = ("content_type",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: DemoObject | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: DemoObject | None = None) -> bool:
        return False
