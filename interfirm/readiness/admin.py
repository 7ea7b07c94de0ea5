"""Operators edit diagnostic instruments here: a draft version is edited with its dimensions, items,
variants and level bands, then published with the action (``instrument_version_publish`` refuses a
version that cannot score, with the reasons). A published version is read-only: copy it as a new draft."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from interfirm.readiness import services
from interfirm.readiness.models import (
    Assessment,
    Dimension,
    Instrument,
    InstrumentVersion,
    Item,
    LevelBand,
    Variant,
)


def _acting_for(request: HttpRequest) -> Any:
    membership = getattr(request, "membership", None)
    return membership.organisation if membership else None


class _FrozenWhenPublished:
    """Inlines and admins of a version's parts: read-only once the version is published."""

    def _frozen(self, obj: Any) -> bool:
        version = obj if isinstance(obj, InstrumentVersion) else getattr(obj, "version", None)
        return bool(version is not None and version.pk and version.is_frozen)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if self._frozen(obj):
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if self._frozen(obj):
            return False
        return super().has_add_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if self._frozen(obj):
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]


class DimensionInline(_FrozenWhenPublished, admin.StackedInline):
    model = Dimension
    extra = 0
    fields = ("code", "name", "position", "weight", "action", "services", "intermediary_types", "paragraphs")
    filter_horizontal = ("services",)


class VariantInline(_FrozenWhenPublished, admin.TabularInline):
    model = Variant
    extra = 0


class LevelBandInline(_FrozenWhenPublished, admin.TabularInline):
    model = LevelBand
    extra = 0


class ItemInline(_FrozenWhenPublished, admin.TabularInline):
    model = Item
    extra = 0
    fields = (
        "code",
        "dimension",
        "variant",
        "replaces",
        "kind",
        "text",
        "weight",
        "scale_max",
        "target",
        "number_max",
        "choices",
        "paragraph",
        "position",
    )

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        # Only the parts of the version being edited.
        version_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        if db_field.name in {"dimension", "variant", "replaces"} and version_id:
            kwargs["queryset"] = db_field.related_model.objects.filter(version_id=version_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(InstrumentVersion)
class InstrumentVersionAdmin(admin.ModelAdmin):
    list_display = ("instrument", "number", "status", "published_at")
    list_filter = ("status", "instrument")
    readonly_fields = ("status", "published_at")
    fields = ("instrument", "number", "status", "published_at", "gap_below", "notes")
    inlines = [DimensionInline, VariantInline, LevelBandInline, ItemInline]
    actions = ["publish", "copy_as_draft"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_frozen:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and obj.is_frozen:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Publish the selected draft versions"))
    def publish(self, request: HttpRequest, queryset: QuerySet[InstrumentVersion]) -> None:
        for version in queryset:
            try:
                services.instrument_version_publish(
                    actor=request.user,  # type: ignore[arg-type]
                    acting_for=_acting_for(request),
                    version=version,
                )
            except services.InstrumentNotPublishable as refusal:
                self.message_user(
                    request,
                    _("%(version)s cannot be published: %(problems)s")
                    % {"version": version, "problems": " ".join(refusal.problems)},
                    messages.ERROR,
                )
            else:
                self.message_user(request, _("%(version)s is published.") % {"version": version})

    @admin.action(description=_("Copy as a new draft version"))
    def copy_as_draft(self, request: HttpRequest, queryset: QuerySet[InstrumentVersion]) -> None:
        for version in queryset:
            copy = services.instrument_version_copy(
                actor=request.user,  # type: ignore[arg-type]
                acting_for=_acting_for(request),
                version=version,
            )
            self.message_user(request, _("%(version)s is ready to edit.") % {"version": copy})


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "version", "status", "source", "level", "overall_score", "submitted_at")
    list_filter = ("status", "source", "level")
    readonly_fields = [f.name for f in Assessment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
