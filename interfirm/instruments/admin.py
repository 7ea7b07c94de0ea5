from __future__ import annotations

from django.contrib import admin

from interfirm.instruments.models import SupportInstrument


@admin.register(SupportInstrument)
class SupportInstrumentAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "provider", "deadline", "is_active")
    list_filter = ("kind", "is_active", "ldc_only", "cofinancing_required")
    search_fields = ("name", "slug", "provider__name")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("countries",)
    autocomplete_fields = ("provider",)
