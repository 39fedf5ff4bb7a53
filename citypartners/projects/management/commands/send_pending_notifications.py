"""Send the e-mails about proposals that did not go out when the proposal came in."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from citypartners.core.models import OfficeSettings
from citypartners.projects.services import proposals_notify_pending


class Command(BaseCommand):
    help = (
        "Mail the office every proposal whose e-mail failed (notified_at empty), to the "
        "address in the office settings of the default site or to --to. Run it from cron; "
        "it fails while a mail still cannot be sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", default="", help="send to this address instead")

    def handle(self, *args, to, **options):
        if not to:
            site = Site.objects.filter(is_default_site=True).first()
            to = OfficeSettings.for_site(site).email if site else ""
        try:
            sent, failed = proposals_notify_pending(office_email=to)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(_("E-mails about proposals sent: %(sent)d") % {"sent": sent})
        if failed:
            raise CommandError(
                _("E-mails about proposals still failing: %(failed)d (see the log)")
                % {"failed": failed}
            )
