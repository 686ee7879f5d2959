"""Load the shipped reference data (regions, sectors, creative sets, capabilities)."""

from django.core.management.base import BaseCommand

from clusterlab.registry.reference_data import reference_data_load


class Command(BaseCommand):
    help = "Load NUTS regions, NACE sectors, creative sets, countries, languages, capabilities."

    def handle(self, *args, **options):
        created = reference_data_load()
        summary = ", ".join(f"{k}: +{v}" for k, v in created.items())
        self.stdout.write(f"Reference data loaded ({summary}).")
