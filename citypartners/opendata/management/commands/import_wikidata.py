"""Add an owner's twin towns from a Wikidata query result (property P190)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from citypartners.opendata.imports import WIKIDATA_QUERY, import_wikidata


class Command(BaseCommand):
    help = (
        "Import the JSON that query.wikidata.org returns for this query (change Q64 to the "
        "city whose twins you want):\n\n" + WIKIDATA_QUERY
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--owner", required=True, help="owner slug, e.g. land-berlin or mitte")
        parser.add_argument("--dry-run", action="store_true", help="check only, import nothing")

    def handle(self, *args, file, owner, dry_run=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"There is no file {path}.")
        report = import_wikidata(path.read_bytes(), owner_slug=owner, dry_run=dry_run)
        for problem in report.problems:
            self.stderr.write(str(problem))
        if report.problems:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
