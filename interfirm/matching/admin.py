from django.contrib import admin

from interfirm.matching.models import Feedback, IndexState, SavedSearch, SavedSearchSent, Suggestion


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = (
        "viewer_firm",
        "viewer_opportunity",
        "candidate_firm",
        "candidate_opportunity",
        "rank",
        "score",
        "algorithm",
    )
    list_filter = ("algorithm",)
    raw_id_fields = ("viewer_firm", "viewer_opportunity", "candidate_firm", "candidate_opportunity")


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "reason", "viewer_firm", "candidate_firm", "algorithm", "score")
    list_filter = ("kind", "reason", "algorithm")
    raw_id_fields = (
        "suggestion",
        "viewer_firm",
        "viewer_opportunity",
        "candidate_firm",
        "candidate_opportunity",
        "forwarded_to",
    )


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "kind", "frequency", "is_active", "last_sent_at")
    list_filter = ("kind", "frequency", "is_active")
    raw_id_fields = ("organisation", "created_by", "like_opportunity")


@admin.register(SavedSearchSent)
class SavedSearchSentAdmin(admin.ModelAdmin):
    list_display = ("saved_search", "opportunity", "sent_at")
    raw_id_fields = ("saved_search", "opportunity")


@admin.register(IndexState)
class IndexStateAdmin(admin.ModelAdmin):
    list_display = ("version", "algorithm", "opportunities", "firms", "built_at", "updated_at")
