"""Load the Berlin demo data into an empty site, once; --reset empties the database first."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from citypartners.core.i18n import terminal_language
from citypartners.demo.services import RESET_DELETES, demo_load
from citypartners.site.setup import COUNTED


class Command(BaseCommand):
    help = (
        "Load the Berlin demo data (partnerships, cities, activities, the bilingual pages) into "
        "an empty site. On a site with content, or where the demo was loaded before, it loads "
        "nothing and exits normally, so nothing an editor deleted comes back. --reset deletes "
        "everything in the database first (it says what and asks)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete everything in the database, accounts too, then load the demo",
        )
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive", default=True
        )
        parser.add_argument("--language", choices=[code for code, _name in settings.LANGUAGES])

    def handle(self, *args, language=None, **options):
        with translation.override(terminal_language(language)):
            self._handle(**options)

    def _handle(self, *, reset=False, interactive=True, **options):
        if reset:
            self.stdout.write(_("--reset deletes %(what)s.") % {"what": RESET_DELETES})
            if interactive:
                answer = input(_("Type “yes” to delete all of it and load the demo: "))
                if answer.strip().lower() not in ("yes", "ja"):
                    raise CommandError(_("Nothing was deleted."))
        outcome = demo_load(reset=reset)
        if outcome.loaded:
            self.stdout.write(
                self.style.SUCCESS(
                    _("Demo data loaded: %(what)s.") % {"what": outcome.report.summary()}
                )
            )
        elif outcome.loaded_before is not None:
            self.stdout.write(
                _(
                    "The demo data was loaded on %(date)s and is not loaded again, so nothing "
                    "deleted since comes back. --reset deletes everything and loads it afresh."
                )
                % {"date": date_format(localtime(outcome.loaded_before), "DATETIME_FORMAT")}
            )
        else:
            held = ", ".join(
                f"{COUNTED.get(what, what)}: {n}" for what, n in outcome.content.items()
            )
            self.stdout.write(
                _(
                    "The site has content already (%(held)s); the demo data is loaded only into "
                    "an empty site. --reset deletes everything and loads it afresh."
                )
                % {"held": held}
            )
