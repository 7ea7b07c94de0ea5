from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "interfirm.demo"
    label = "demo"
