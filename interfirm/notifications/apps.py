from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "interfirm.notifications"
    label = "notifications"
