"""Create a back-office editor account; the password comes from the environment or a prompt."""

import getpass
import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from citypartners.core.services import editor_create


class Command(BaseCommand):
    help = (
        "Create an editor who can manage partnerships, cities and pages. The password is read "
        "from CITYPARTNERS_EDITOR_PASSWORD or asked for."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True)
        parser.add_argument("--superuser", action="store_true", help="Full rights, settings too.")

    def handle(self, *args, email, superuser=False, **options):
        password = os.environ.get("CITYPARTNERS_EDITOR_PASSWORD")
        if not password:
            if not self.stdin_is_interactive():
                raise CommandError(
                    "Set CITYPARTNERS_EDITOR_PASSWORD or run the command in a terminal."
                )
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords differ; nothing was saved.")
        try:
            user = editor_create(email=email, password=password, superuser=superuser)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(self.style.SUCCESS(f"Editor {user.email} created; log in at /admin/."))

    @staticmethod
    def stdin_is_interactive():
        import sys

        return sys.stdin is not None and sys.stdin.isatty()
