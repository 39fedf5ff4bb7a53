"""Import a CSV table of cities, partnerships or activities; --dry-run only checks it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from citypartners.opendata.imports import IMPORTABLE, import_csv


class Command(BaseCommand):
    help = (
        "Check and import a CSV table (the columns of the open data download). Every problem "
        "is reported by row and column; nothing is imported unless the whole file is fine."
    )

    def add_arguments(self, parser):
        parser.add_argument("entity", choices=IMPORTABLE)
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check only, import nothing")

    def handle(self, *args, entity, file, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        report = import_csv(entity, path.read_bytes(), dry_run=dry_run)
        for problem in report.problems:
            self.stderr.write(str(problem))
        if report.problems:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
