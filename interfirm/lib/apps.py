from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "interfirm.lib"
    label = "lib"
    verbose_name = "Shared helpers"

    def ready(self) -> None:
        # The admin's many-to-many fields take the shared multiple choice too (a key no integer holds
        # is an unknown choice, not a 500): in the defaults every ModelAdmin and inline copies its
        # overrides from when made, and in the ModelAdmins registered before this app was ready.
        from django.contrib import admin
        from django.contrib.admin import options
        from django.db import models

        from interfirm.lib.forms import ModelMultipleChoiceField

        for overrides in [options.FORMFIELD_FOR_DBFIELD_DEFAULTS] + [
            model_admin.formfield_overrides for model_admin in admin.site._registry.values()
        ]:
            overrides.setdefault(models.ManyToManyField, {})["form_class"] = ModelMultipleChoiceField
