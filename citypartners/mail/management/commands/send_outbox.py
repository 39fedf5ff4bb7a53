"""Deliver the outgoing e-mails that are due and delete those past retention; for a timer."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from citypartners.mail.services import outbox_run


class Command(BaseCommand):
    help = (
        "Send the outgoing e-mails that are due (new ones the request could not send, and "
        "retries), and delete sent and failed ones older than OUTBOX_RETENTION_DAYS. Run it "
        "every minute from a systemd timer or cron. Prints one line; fails when an e-mail "
        "has failed for good in this run (see Outgoing mail in the back office)."
    )

    def handle(self, *args, **options):
        run = outbox_run()
        self.stdout.write(
            _(
                "Outgoing mail: %(sent)d sent, %(retrying)d to be tried again, "
                "%(failed)d failed, %(deleted)d deleted after the retention period, "
                "%(waiting)d waiting."
            )
            % vars(run)
        )
        if run.failed:
            raise CommandError(
                _("E-mails failed for good: %(failed)d; see Outgoing mail in the back office.")
                % {"failed": run.failed}
            )
