"""Create a back-office account in one role for one owner; the password is never an
argument (it comes from the environment or a prompt)."""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from citypartners.accounts.roles import ROLES
from citypartners.accounts.services import account_create

PASSWORD_VARIABLE = "CITYPARTNERS_USER_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a back-office account. --group is the role, --owner the owner's slug "
        f"(default: the state). The password is read from {PASSWORD_VARIABLE} or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument(
            "--group",
            choices=sorted(ROLES),
            help="; ".join(f"{slug}: {role.label}" for slug, role in ROLES.items()),
        )
        parser.add_argument("--owner", help="e.g. land-berlin or a borough's slug")
        parser.add_argument("--superuser", action="store_true", help="Full rights, settings too.")

    def handle(self, *args, email, group=None, owner=None, superuser=False, **options):
        if not group and not superuser:
            raise CommandError("Give --group (or --superuser). Groups: " + ", ".join(ROLES))
        password = os.environ.get(PASSWORD_VARIABLE)
        if not password:
            if not (sys.stdin is not None and sys.stdin.isatty()):
                raise CommandError(f"Set {PASSWORD_VARIABLE} or run the command in a terminal.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ; nothing was saved.")
        try:
            user = account_create(
                email=email,
                password=password,
                role=group,
                owner=owner,
                superuser=superuser,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        owner = user.membership.owner.slug
        self.stdout.write(
            self.style.SUCCESS(
                f"Account {user.email} ({group or 'superuser'}, {owner}) created; "
                "log in at /admin/."
            )
        )
