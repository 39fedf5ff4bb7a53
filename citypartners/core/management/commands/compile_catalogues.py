"""Compile the .po catalogues to .mo with polib, and optionally fail on any missing translation."""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/django.po; with --check, fail on untranslated or fuzzy."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Fail when a message has no translation or is marked fuzzy.",
        )

    def handle(self, *args, check=False, **options):
        problems = []
        catalogues = sorted(
            po
            for locale_dir in settings.LOCALE_PATHS
            for po in Path(locale_dir).glob("*/LC_MESSAGES/*.po")
        )
        if not catalogues:
            raise CommandError("No catalogue found under LOCALE_PATHS.")
        for po_path in catalogues:
            catalogue = polib.pofile(str(po_path))
            for entry in catalogue.untranslated_entries():
                problems.append(f"{po_path}: untranslated: {entry.msgid!r}")
            for entry in catalogue.fuzzy_entries():
                problems.append(f"{po_path}: fuzzy: {entry.msgid!r}")
            # Written beside, then moved into place: a process reading the catalogue at the
            # same time (a parallel test worker, a running server) never sees half a file.
            mo_path = po_path.with_suffix(".mo")
            partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
            catalogue.save_as_mofile(str(partial))
            os.replace(partial, mo_path)
            self.stdout.write(
                f"{po_path}: {len(catalogue.translated_entries())} messages, "
                f"{catalogue.percent_translated()}% translated"
            )
        if check and problems:
            raise CommandError("Missing translations:\n" + "\n".join(problems))
