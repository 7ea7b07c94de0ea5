"""Admin of opportunities and reviews, for operators.

Status changes belong to the services (they audit, notify and refresh the search index), so the
status and the life-cycle dates are read-only here.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from interfirm.opportunities.models import Opportunity, Review


class ReviewInline(admin.TabularInline):
    model = Review
    extra = 0
    can_delete = False
    fields = (
        "created_at",
        "reviewer",
        "reviewer_organisation",
        "clarity",
        "innovation",
        "cooperation",
        "language",
        "decision",
        "comments",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "kind", "status", "firm", "deadline", "published_at")
    list_filter = ("status", "kind", "stage", "installation")
    search_fields = ("reference", "title", "summary", "keywords", "firm__legal_name", "source_reference")
    date_hierarchy = "created_at"
    raw_id_fields = ("firm", "created_by")
    filter_horizontal = ("sectors", "partner_countries", "required_certifications", "required_languages")
    list_select_related = ("firm",)
    readonly_fields = (
        "uid",
        "reference",
        "installation",
        "status",
        "identity_flags",
        "submitted_at",
        "published_at",
        "closed_at",
        "reminders_sent",
        "created_at",
        "updated_at",
    )
    inlines = (ReviewInline,)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = (
        "opportunity",
        "decision",
        "clarity",
        "innovation",
        "cooperation",
        "language",
        "reviewer_organisation",
        "created_at",
    )
    list_filter = ("decision",)
    search_fields = ("opportunity__reference", "opportunity__title", "comments")
    raw_id_fields = ("opportunity", "reviewer", "reviewer_organisation")
    list_select_related = ("opportunity", "reviewer_organisation")
    readonly_fields = ("created_at",)
