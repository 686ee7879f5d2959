from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GreenbookConfig(AppConfig):
    name = "clusterlab.greenbook"
    label = "greenbook"
    verbose_name = _("Greenbook")
