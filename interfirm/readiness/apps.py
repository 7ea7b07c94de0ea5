from django.apps import AppConfig


class ReadinessConfig(AppConfig):
    name = "interfirm.readiness"
    label = "readiness"
    verbose_name = "Partnership readiness"
