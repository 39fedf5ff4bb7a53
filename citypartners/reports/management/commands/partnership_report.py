"""The partnership report from the command line, as in the back office (issue 15):

    manage.py partnership_report --from 2022-01-01 --to 2023-12-31 [--owner SLUG]...
        [--city SLUG]... [--focus SLUG]... [--kind SLUG]... [--internal]
        --language de|en --format html|pdf|xlsx --output FILE

The question is checked by the back office's form: the same messages, in the report's
language; nothing is written when it is wrong.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from citypartners.core.i18n import terminal_language
from citypartners.reports import document, spreadsheet
from citypartners.reports.build import SPREADSHEET, build_report
from citypartners.reports.query import ReportForm

FORMATS = ("html", "pdf", "xlsx")


class Command(BaseCommand):
    help = "Write a partnership report for a period as HTML, PDF or XLSX."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
        for name in ("owner", "city", "focus", "kind"):
            parser.add_argument(f"--{name}", action="append", default=[], metavar="SLUG")
        parser.add_argument("--internal", action="store_true", help="include internal items")
        parser.add_argument("--language", choices=[c for c, _n in settings.LANGUAGES])
        parser.add_argument("--format", choices=FORMATS, default="html")
        parser.add_argument("--output", required=True, help="the file to write")

    def handle(self, *args, **options):
        language = terminal_language(options["language"])
        with translation.override(language):
            data = MultiValueDict(
                {
                    "date_from": [options["date_from"]],
                    "date_to": [options["date_to"]],
                    **{name: options[name] for name in ("owner", "city", "focus", "kind")},
                }
            )
            if options["internal"]:
                data["internal"] = "on"
            form = ReportForm(data)
            if not form.is_valid():
                raise CommandError(
                    "\n".join(
                        f"--{field.replace('date_', '')}: {' '.join(errors)}"
                        if field != "__all__"
                        else " ".join(errors)
                        for field, errors in form.errors.items()
                    )
                )
            # The spreadsheet lists everything whatever the size (build.SPREADSHEET); a document
            # of a large question is its overview.
            report = build_report(
                form.query(), edition=SPREADSHEET if options["format"] == "xlsx" else None
            )
            if options["format"] == "xlsx":
                content = spreadsheet.content(report)
            elif options["format"] == "pdf":
                content = document.pdf(report, language=language)
            else:
                content = document.html(report, language=language).encode()
        output = Path(options["output"])
        partial = output.with_name(output.name + ".partial")
        partial.write_bytes(content)
        partial.replace(output)  # whole or not at all
        edition = "" if options["format"] == "xlsx" else f", {report.edition} edition"
        self.stdout.write(f"{output} ({len(content):,} bytes{edition})")
