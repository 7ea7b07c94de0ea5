from django.apps import AppConfig


class InstrumentsConfig(AppConfig):
    name = "interfirm.instruments"
    label = "instruments"
    verbose_name = "Support instruments"
