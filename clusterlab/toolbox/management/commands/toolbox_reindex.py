"""Rebuild the toolbox's search index (entries written around the services have none)."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from clusterlab.toolbox.indexing import entry_index
from clusterlab.toolbox.models import Entry


class Command(BaseCommand):
    help = "Index toolbox entries for search: those without an index, or --all."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="re-index every entry")

    def handle(self, *args, all: bool = False, **options):
        entries = Entry.objects.order_by("pk")
        if not all:
            entries = entries.filter(search_document__isnull=True)
        count = 0
        for entry in entries.iterator(chunk_size=200):
            with transaction.atomic():
                entry_index(entry)
            count += 1
        self.stdout.write(f"Indexed {count} toolbox entries.")
