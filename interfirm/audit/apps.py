from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "interfirm.audit"
    label = "audit"
