"""Export or erase all data about one contact person; list those past the retention period."""

from django.core.management.base import BaseCommand, CommandError

from citypartners.contacts.models import ContactPerson
from citypartners.contacts.services import (
    contact_erase,
    contact_export_json,
    contacts_past_retention,
)


class Command(BaseCommand):
    help = "Data protection: export (JSON) or erase a contact person, or list retention cases."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--export", type=int, metavar="ID", help="Print all data as JSON.")
        action.add_argument("--erase", type=int, metavar="ID", help="Erase the person for good.")
        action.add_argument(
            "--retention",
            action="store_true",
            help="List people without a partnership past the retention period.",
        )
        parser.add_argument("--yes", action="store_true", help="Confirm --erase.")

    def handle(self, *args, export=None, erase=None, retention=False, yes=False, **options):
        if retention:
            for person in contacts_past_retention():
                since = person.unlinked_since or person.created_at
                self.stdout.write(f"{person.pk}\t{person.name}\t{since:%Y-%m-%d}")
            return
        person = ContactPerson.objects.filter(pk=export or erase).first()
        if person is None:
            raise CommandError(f"There is no contact person with the id {export or erase}.")
        if export:
            self.stdout.write(contact_export_json(person=person))
            return
        if not yes:
            raise CommandError("Erasing cannot be undone: add --yes to confirm.")
        contact_erase(person=person)
        self.stdout.write(self.style.SUCCESS(f"Contact person {erase} erased."))
