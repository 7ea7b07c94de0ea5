from django.apps import AppConfig


class FirmsConfig(AppConfig):
    name = "interfirm.firms"
    label = "firms"
