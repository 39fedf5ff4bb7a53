"""Queue the e-mails about proposals that the office has not been sent yet.

Since the outbox (citypartners.mail), a proposal's e-mail is queued with the proposal and
retried by `send_outbox`; this command is left for the proposals that have none: those whose
e-mail failed before the outbox existed, and those received while the office had no address.
It can go once no proposal without notified_at is left on any installation.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from wagtail.models import Site

from citypartners.core.models import OfficeSettings
from citypartners.projects.services import proposals_notify_pending


class Command(BaseCommand):
    help = (
        "Queue the e-mail to the office for every proposal that has none yet (notified_at "
        "empty), to the address in the office settings of the default site or to --to. "
        "send_outbox delivers it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--to", default="", help="send to this address instead")

    def handle(self, *args, to, **options):
        if not to:
            site = Site.objects.filter(is_default_site=True).first()
            to = OfficeSettings.for_site(site).email if site else ""
        try:
            queued = proposals_notify_pending(office_email=to)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(_("E-mails about proposals queued: %(queued)d") % {"queued": queued})
