from django.contrib import admin

from interfirm.sectors.models import IsicCode, NaceCode


@admin.register(IsicCode)
class IsicCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "level", "section", "parent")
    list_filter = ("level", "section")
    search_fields = ("code", "title")
    autocomplete_fields = ("parent",)
    list_select_related = ("parent",)


@admin.register(NaceCode)
class NaceCodeAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "level")
    list_filter = ("level",)
    search_fields = ("code", "title", "isic__code")
    filter_horizontal = ("isic",)
