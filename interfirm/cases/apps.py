from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "interfirm.cases"
    label = "cases"
    verbose_name = "Best-practice cases"
