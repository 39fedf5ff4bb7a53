"""Create a back-office account in one role for one owner, with the person's first and last
name; the password is never an argument (it comes from the environment or a prompt).

The names are required: Wagtail's account settings require them and save nothing, not even
a change of language, while they are empty. Given as options, or asked for in a terminal.
"""

import getpass
import os
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from citypartners.accounts.roles import ROLES
from citypartners.accounts.services import account_create

PASSWORD_VARIABLE = "CITYPARTNERS_USER_PASSWORD"


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


class Command(BaseCommand):
    help = (
        "Create a back-office account. --group is the role, --owner the owner's slug "
        "(default: the state); --first-name and --last-name are asked for if not given. "
        f"The password is read from {PASSWORD_VARIABLE} or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", dest="first_name", default="")
        parser.add_argument("--last-name", dest="last_name", default="")
        parser.add_argument(
            "--group",
            choices=sorted(ROLES),
            help="; ".join(f"{slug}: {role.label}" for slug, role in ROLES.items()),
        )
        parser.add_argument("--owner", help="e.g. land-berlin or a borough's slug")
        parser.add_argument("--superuser", action="store_true", help="Full rights, settings too.")

    def handle(
        self,
        *args,
        email,
        first_name="",
        last_name="",
        group=None,
        owner=None,
        superuser=False,
        **options,
    ):
        if not group and not superuser:
            raise CommandError("Give --group (or --superuser). Groups: " + ", ".join(ROLES))
        first_name = first_name.strip() or self._ask("First name: ")
        last_name = last_name.strip() or self._ask("Last name: ")
        if not (first_name and last_name):
            raise CommandError(
                "Give --first-name and --last-name (or run the command in a terminal); "
                "nothing was saved."
            )
        password = os.environ.get(PASSWORD_VARIABLE)
        if not password:
            if not _interactive():
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
                first_name=first_name,
                last_name=last_name,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        owner = user.membership.owner.slug
        self.stdout.write(
            self.style.SUCCESS(
                f"Account {user.email} ({user.get_full_name()}, {group or 'superuser'}, {owner}) "
                "created; log in at /admin/."
            )
        )

    def _ask(self, prompt: str) -> str:
        if not _interactive():
            return ""
        return input(prompt).strip()
