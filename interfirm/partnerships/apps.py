from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "interfirm.partnerships"
    label = "partnerships"
    verbose_name = "Partnerships"
