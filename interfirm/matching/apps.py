from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "interfirm.matching"
    label = "matching"
    verbose_name = "Matching"
