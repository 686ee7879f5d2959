"""Run one named benchmark and print its figures as JSON (the last line)."""

import importlib
import json as jsonlib

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from clusterlab.core import bench


def _load_benchmarks() -> None:
    for config in apps.get_app_configs():
        if config.name.startswith("clusterlab."):
            try:
                importlib.import_module(f"{config.name}.benchmarks")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.benchmarks":
                    raise


class Command(BaseCommand):
    help = "Run a benchmark: `manage.py bench NAME [options]`; prints one JSON object last."

    def create_parser(self, prog_name, subcommand, **kwargs):
        _load_benchmarks()
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("name", choices=sorted(bench.BENCHMARKS))
        parser.add_argument("--json", action="store_true", help="print only the JSON line")
        for add in bench.ARGUMENTS.values():
            add(parser)

    def handle(self, *args, name, **options):
        func = bench.BENCHMARKS.get(name)
        if func is None:
            raise CommandError(f"unknown benchmark {name!r}")
        quiet = options.pop("json")
        log = (lambda _msg: None) if quiet else (lambda msg: self.stderr.write(msg))
        figures = func(log=log, **options)
        self.stdout.write(_dumps(figures))


def _dumps(figures: dict) -> str:
    return jsonlib.dumps(figures)
