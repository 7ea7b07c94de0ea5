from django.apps import AppConfig


class IntroductionsConfig(AppConfig):
    name = "interfirm.introductions"
    label = "introductions"
