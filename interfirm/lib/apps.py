from django.apps import AppConfig


class LibConfig(AppConfig):
    name = "interfirm.lib"
    label = "lib"
    verbose_name = "Shared helpers"
