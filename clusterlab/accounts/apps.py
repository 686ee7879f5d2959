from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "clusterlab.accounts"
    label = "accounts"
