"""`manage.py export_registry DIR`: write the public registry as JSON and CSV files into DIR."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from opendata.export import export_registry


class Command(BaseCommand):
    help = (
        "Write the public registry (what the public site and API show) into DIR: JSON in the "
        "API's shapes and CSV, one file per resource, with their data dictionary."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "directory", type=Path, help="Folder to write into (created if missing)."
        )

    def handle(self, *args, directory: Path, **options):
        started = time.perf_counter()
        counts = export_registry(directory=directory)
        elapsed = time.perf_counter() - started
        for name, count in counts.items():
            self.stdout.write(f"{name}: {count}")
        self.stdout.write(
            self.style.SUCCESS(f"Exported the public registry to {directory} in {elapsed:.2f} s.")
        )
