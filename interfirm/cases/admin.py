"""Admin of best-practice cases, for operators: this is where an operator records a case
(origin "recorded by the operator"); the corridor and facets are recomputed on every save."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from interfirm.cases.facets import case_refresh_facets
from interfirm.cases.models import Case, CaseConsent, CaseParty


class CasePartyInline(admin.StackedInline):
    model = CaseParty
    extra = 0
    autocomplete_fields = ("sectors",)
    raw_id_fields = ("firm",)


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "origin", "status", "corridor", "anonymised", "published_at")
    list_filter = ("origin", "status", "corridor", "anonymised", "involves_ldc")
    search_fields = ("reference", "title", "summary")
    readonly_fields = (
        "reference",
        "seed_key",
        "corridor",
        "corridors",
        "involves_ldc",
        "involves_transition",
        "domestic",
        "partnership",
        "published_at",
        "published_by",
    )
    inlines = [CasePartyInline]

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        case = form.instance
        case_refresh_facets(case)
        case.save()


@admin.register(CaseConsent)
class CaseConsentAdmin(admin.ModelAdmin):
    list_display = ("partnership", "party", "named", "given_at")
    readonly_fields = ("partnership", "party", "named", "given_by", "given_for", "given_at")
