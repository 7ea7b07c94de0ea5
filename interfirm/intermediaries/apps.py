from django.apps import AppConfig


class IntermediariesConfig(AppConfig):
    name = "interfirm.intermediaries"
    label = "intermediaries"
