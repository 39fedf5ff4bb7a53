"""Write a backup archive of the database and the uploaded media."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from citypartners.core.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write citypartners-backup-<time>.tar.gz (database and media) into --output, "
        "readable only by its owner; sessions and login lockouts are left out."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="folder for the archive")

    def handle(self, *args, output, **options):
        try:
            archive = backup_create(Path(output))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(_("Backup written: %(path)s") % {"path": archive}))
