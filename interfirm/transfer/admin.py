"""Imports in the admin: operators read which files were imported and what each reference became."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from interfirm.transfer.models import ImportBatch, ImportedRecord


class _ReadOnly(admin.ModelAdmin):
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(_ReadOnly):
    list_display = ("created_at", "organisation", "kind", "file_name", "counts")
    list_filter = ("kind",)
    search_fields = ("file_name", "organisation__name")
    list_select_related = ("organisation",)


@admin.register(ImportedRecord)
class ImportedRecordAdmin(_ReadOnly):
    list_display = ("source_ref", "kind", "source", "content_type", "object_id", "updated_at")
    list_filter = ("kind",)
    search_fields = ("source_ref", "source__name")
    list_select_related = ("source", "content_type")
