import factory

from citypartners.mail.models import OutboxMessage


class OutboxMessageFactory(factory.django.DjangoModelFactory):
    """A queued e-mail to one recipient."""

    class Meta:
        model = OutboxMessage

    from_email = "office@example.org"
    to = factory.Sequence(lambda n: [f"recipient{n}@example.org"])
    subject = factory.Sequence(lambda n: f"Example message {n}")
    body = "An example."
