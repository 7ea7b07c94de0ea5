from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from interfirm.audit.services import audit_record
from interfirm.intermediaries.models import Intermediary, Network, Service


def _plain(value: Any) -> Any:
    if isinstance(value, QuerySet):
        return sorted(str(obj.pk) for obj in value)
    if isinstance(value, Model):
        return value.pk
    return value


@admin.register(Intermediary)
class IntermediaryAdmin(admin.ModelAdmin):
    # A website typed without a scheme is read as https (Django 6's default; the site's forms do the same).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("name", "acronym", "type", "country", "city", "is_listed", "updated_at")
    list_filter = ("type", "is_listed", "country__region", "services", "networks")
    search_fields = ("name", "acronym", "slug", "city", "description", "email")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("country",)
    raw_id_fields = ("organisation",)
    filter_horizontal = ("countries_covered", "sectors_covered", "services", "languages", "networks")
    list_select_related = ("country",)
    readonly_fields = ("created_at", "updated_at")

    def save_related(self, request: HttpRequest, form: ModelForm, formsets: Any, change: bool) -> None:
        """Save, then audit what the operator changed (the admin is a write path like any service)."""
        super().save_related(request, form, formsets, change)
        audit_record(
            actor=request.user,  # type: ignore[arg-type]
            acting_for=None,
            action="intermediary.admin_change" if change else "intermediary.admin_create",
            obj=form.instance,
            changes={name: _plain(form.cleaned_data.get(name)) for name in form.changed_data},
        )


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "position")
    list_editable = ("position",)
    search_fields = ("code", "name")


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ("acronym", "name", "code", "website")
    search_fields = ("code", "acronym", "name")
