"""Replace the database and the uploaded media with a backup archive's."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from citypartners.core.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive written by `backup`. Everything in the database and in "
        "the media folder is replaced. The archive is checked first; unless it is complete for "
        "the database engine in use, nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="confirm the replacement")

    def handle(self, *args, archive, yes=False, **options):
        if not yes:
            raise CommandError(_("Restoring replaces all data. Run again with --yes to confirm."))
        try:
            manifest = backup_restore(Path(archive))
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Restored the backup of %(created)s (%(engine)s).")
                % {"created": manifest["created"], "engine": manifest["engine"]}
            )
        )
