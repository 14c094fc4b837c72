from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "actiontrack.accounts"
    label = "accounts"
    verbose_name = "People and agencies"
