from django.contrib import admin

from interfirm.geo.models import Country, CountryGroupMembership, Language


class CountryGroupMembershipInline(admin.TabularInline):
    model = CountryGroupMembership
    extra = 0
    fields = ("group", "since", "until", "source")


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("iso3", "name", "region", "subregion", "economy_group", "income_group", "in_official_m49")
    list_filter = ("region", "economy_group", "income_group", "memberships__group", "in_official_m49")
    search_fields = ("iso3", "iso2", "m49", "name", "name_fr", "name_es", "name_ar")
    ordering = ("name",)
    inlines = (CountryGroupMembershipInline,)


@admin.register(CountryGroupMembership)
class CountryGroupMembershipAdmin(admin.ModelAdmin):
    list_display = ("country", "group", "since", "until", "source")
    list_filter = ("group",)
    search_fields = ("country__name", "country__iso3", "source")
    autocomplete_fields = ("country",)
    date_hierarchy = "until"


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name")
