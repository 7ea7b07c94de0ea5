from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "interfirm.insights"
    label = "insights"
    verbose_name = "Insights"
