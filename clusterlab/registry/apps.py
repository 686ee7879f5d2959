from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_search_index(sender, using="default", **kwargs):
    from django.db import connections

    from .search import ensure_search_index

    ensure_search_index(connections[using])


class RegistryConfig(AppConfig):
    name = "clusterlab.registry"
    label = "registry"
    verbose_name = _("Network registry")

    def ready(self):
        # The full-text index is schema the ORM cannot express; keep it after every migrate.
        post_migrate.connect(
            _ensure_search_index, sender=self, dispatch_uid="registry-search-index"
        )
