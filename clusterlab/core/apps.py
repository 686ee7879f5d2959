from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "clusterlab.core"
    label = "core"
