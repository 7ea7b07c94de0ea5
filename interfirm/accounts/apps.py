from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "interfirm.accounts"
    label = "accounts"
