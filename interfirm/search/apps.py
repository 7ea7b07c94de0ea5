from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "interfirm.search"
    label = "search"
