"""The operator's admin for firms, their contact persons and representations, and certifications."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from interfirm.audit.services import audit_record, snapshot
from interfirm.firms.models import Certification, ContactPerson, Firm, Representation
from interfirm.firms.services import name_key_for
from interfirm.firms.sizing import size_class_for


class ContactPersonInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class RepresentationInline(admin.TabularInline):
    model = Representation
    extra = 0
    fields = (
        "intermediary",
        "consent_method",
        "consent_given_on",
        "consent_given_by",
        "is_contact_channel",
        "ended_at",
    )
    raw_id_fields = ("intermediary",)


@admin.register(Firm)
class FirmAdmin(admin.ModelAdmin):
    # A website typed without a scheme is read as https (Django 6's default; the site's forms do the same).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = (
        "reference",
        "legal_name",
        "trade_name",
        "country",
        "size_class",
        "merged_into",
        "updated_at",
    )
    list_filter = ("size_class", "ownership", "country__region", "declares_no_certifications")
    search_fields = ("reference", "legal_name", "trade_name", "city", "email")
    readonly_fields = ("reference", "uid", "size_class", "name_key", "created_at", "updated_at")
    raw_id_fields = ("organisation", "country", "merged_into", "created_by")
    filter_horizontal = ("sectors", "certifications", "markets", "languages")
    inlines = (ContactPersonInline, RepresentationInline)
    fieldsets = (
        (None, {"fields": ("reference", "uid", "organisation", "merged_into")}),
        (
            _("Identity (confidential)"),
            {
                "fields": (
                    "legal_name",
                    "trade_name",
                    "name_key",
                    "city",
                    "address",
                    "website",
                    "email",
                    "phone",
                )
            },
        ),
        (
            _("Public profile"),
            {
                "fields": (
                    "country",
                    "year_founded",
                    "employees",
                    "turnover_band",
                    "size_class",
                    "ownership",
                    "sectors",
                    "description",
                )
            },
        ),
        (
            _("Capabilities"),
            {
                "fields": (
                    "technologies",
                    "processes",
                    "equipment_capacity",
                    "certifications",
                    "declares_no_certifications",
                    "markets",
                    "languages",
                    "needs",
                )
            },
        ),
        (_("Bookkeeping"), {"fields": ("created_by", "created_at", "updated_at")}),
    )

    def save_model(self, request: HttpRequest, obj: Firm, form: Any, change: bool) -> None:
        # Derived fields stay derived, and admin edits leave a trace like service writes do.
        obj.name_key = name_key_for(obj.legal_name)
        obj.size_class = size_class_for(employees=obj.employees, turnover_band=obj.turnover_band)
        super().save_model(request, obj, form, change)
        state = snapshot(obj)
        audit_record(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=None,
            action="firm.admin_change" if change else "firm.admin_add",
            obj=obj,
            changes={name: state[name] for name in form.changed_data if name in state},
        )


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "description")
    search_fields = ("code", "name")


@admin.register(Representation)
class RepresentationAdmin(admin.ModelAdmin):
    list_display = (
        "firm",
        "intermediary",
        "consent_method",
        "consent_given_on",
        "is_contact_channel",
        "ended_at",
    )
    list_filter = ("consent_method", "is_contact_channel")
    search_fields = ("firm__legal_name", "firm__reference", "intermediary__name")
    raw_id_fields = ("firm", "intermediary", "recorded_by")
    date_hierarchy = "consent_given_on"
