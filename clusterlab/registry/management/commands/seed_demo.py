"""Build the deterministic demo network and its demo accounts."""

import importlib

from django.apps import apps
from django.core.management.base import BaseCommand

from clusterlab.registry.demo import DEMO_PASSWORD, seed_demo
from clusterlab.registry.models import Organisation
from clusterlab.registry.reference_data import reference_data_load


def _demo_extensions():
    """Other domains add their demo data through `<app>.demo.extend_demo(seed=…)`."""
    for config in apps.get_app_configs():
        if config.name.startswith("clusterlab.") and config.label != "registry":
            try:
                module = importlib.import_module(f"{config.name}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.demo":
                    raise
                continue
            if hasattr(module, "extend_demo"):
                yield module.extend_demo


class Command(BaseCommand):
    help = "Create a demo network: --clusters N --organisations N --seed N [--if-empty]."

    def add_arguments(self, parser):
        parser.add_argument("--clusters", type=int, default=50)
        parser.add_argument("--organisations", type=int, default=25_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when the database already has organisations",
        )

    def handle(self, *args, clusters, organisations, seed, if_empty, **options):
        if Organisation.objects.exists():
            if if_empty:
                self.stdout.write("The database has data already; demo network not loaded.")
                return
            self.stderr.write("The database is not empty; refusing to add a demo network.")
            raise SystemExit(1)
        reference_data_load()
        result = seed_demo(clusters=clusters, organisations=organisations, seed=seed)
        for extension in _demo_extensions():
            extension(seed=seed)
        self.stdout.write(
            f"Demo network: {result.clusters} clusters, {result.organisations} organisations."
        )
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for role, username, note in result.accounts:
            self.stdout.write(f"  {role:16} {username:28} {note}")
