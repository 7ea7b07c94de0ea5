from django.apps import AppConfig


class OpportunitiesConfig(AppConfig):
    name = "interfirm.opportunities"
    label = "opportunities"
