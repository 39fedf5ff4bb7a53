"""Generate a large invented installation into an empty database (issue 13): the office with
hundreds of owners, partner cities worldwide, up to a million activities, both languages."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from citypartners.core.i18n import terminal_language
from citypartners.demo.generate import SCALES, NotEmpty, data_generate, sizes_for, sizes_with
from citypartners.demo.services import RESET_DELETES
from citypartners.site.setup import COUNTED

COUNTS = ("owners", "cities", "partnerships", "activities", "organisations", "contacts", "projects")


class Command(BaseCommand):
    help = (
        "Generate invented data (every name marked Beispiel / Example) into an empty database: "
        "--scale world (300 owners, 5,000 cities, 10,000 partnerships, 1,000,000 activities, "
        "20,000 organisations, 50,000 contact people, 5,000 projects), berlin (about the demo's "
        "size) or a factor of the world size such as 0.1; single counts as options. The same "
        "--seed gives the same data. --reset deletes everything in the database first."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            default="world",
            help=f"{' | '.join(SCALES)} | a factor of the world size, e.g. 0.1 (default: world)",
        )
        for name in COUNTS:
            parser.add_argument(f"--{name}", type=int, help=f"how many {name} (overrides --scale)")
        parser.add_argument("--seed", type=int, default=13, help="the same seed, the same data")
        parser.add_argument(
            "--reset", action="store_true", help="delete everything in the database first"
        )
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive", default=True
        )
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES])

    def handle(self, *args, language=None, **options):
        with translation.override(terminal_language(language)):
            self._handle(**options)

    def _handle(self, *, scale, seed, reset, interactive, **options):
        try:
            sizes = sizes_for(scale)
        except ValueError as error:
            raise CommandError(
                _("--scale is world, berlin or a positive factor such as 0.1, not “%(scale)s”.")
                % {"scale": scale}
            ) from error
        sizes = sizes_with(sizes, **{name: options.get(name) for name in COUNTS})
        if reset:
            self.stdout.write(_("--reset deletes %(what)s.") % {"what": RESET_DELETES})
            if interactive:
                answer = input(_("Type “yes” to delete all of it and generate the data: "))
                if answer.strip().lower() not in ("yes", "ja"):
                    raise CommandError(_("Nothing was deleted."))
        self.stdout.write(
            ", ".join(f"{name}: {value:,}" for name, value in sizes.__dict__.items())
            + f" (seed {seed})"
        )
        started = time.monotonic()
        try:
            data_generate(sizes=sizes, seed=seed, reset=reset, say=self._say)
        except NotEmpty as error:
            held = ", ".join(f"{COUNTED.get(what, what)}: {n}" for what, n in error.content.items())
            raise CommandError(
                _(
                    "The database holds content already (%(held)s); data is generated only "
                    "into an empty one. --reset deletes everything first."
                )
                % {"held": held}
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Generated in %(seconds).0f s.") % {"seconds": time.monotonic() - started}
            )
        )

    def _say(self, progress):
        self.stdout.write(f"{progress.what}: {progress.count:,} in {progress.seconds:.1f} s")
        self.stdout.flush()
