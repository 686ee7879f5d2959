"""Import a cluster's member list from CSV or XLSX (same checks as the page)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from clusterlab.core.errors import DomainError
from clusterlab.registry.importing import guess_mapping, members_check, members_commit
from clusterlab.registry.models import Cluster
from clusterlab.registry.tabular import read_table


class Command(BaseCommand):
    help = "Import members: import_members FILE --cluster SLUG [--dry-run] [--map field=Column]"

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--cluster", required=True, help="slug of the cluster")
        parser.add_argument("--dry-run", action="store_true", help="check only; write nothing")
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="column for a field when the header does not name it",
        )

    def handle(self, *args, file, cluster, dry_run, map, **options):  # noqa: A002
        target = Cluster.objects.filter(slug=cluster).first()
        if target is None:
            raise CommandError(f"No cluster with slug {cluster!r}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No file at {file}.")
        try:
            headers, rows = read_table(path.read_bytes(), path.name)
            mapping = guess_mapping(headers)
            for item in map:
                field, _, column = item.partition("=")
                mapping[field.strip()] = column.strip()
            result = members_check(cluster=target, headers=headers, rows=rows, mapping=mapping)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for error in result.errors:
            self.stderr.write(f"row {error['row']}, column {error['column']}: {error['message']}")
        creates = sum(1 for p in result.plans if p.action == "create")
        updates = len(result.plans) - creates
        if result.errors:
            raise CommandError(f"{len(result.errors)} errors; nothing was imported.")
        if dry_run:
            self.stdout.write(f"Dry run: {creates} to create, {updates} to update.")
            return
        members_commit(cluster=target, result=result)
        self.stdout.write(f"Imported into {target.slug}: {creates} created, {updates} updated.")
