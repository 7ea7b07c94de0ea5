from django.apps import AppConfig


class SectorsConfig(AppConfig):
    name = "interfirm.sectors"
    label = "sectors"
