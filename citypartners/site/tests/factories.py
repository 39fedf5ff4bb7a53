import factory

from citypartners.site.models import AccessibilityFeedback


class AccessibilityFeedbackFactory(factory.django.DjangoModelFactory):
    """A new message from the accessibility statement's feedback form."""

    class Meta:
        model = AccessibilityFeedback

    name = factory.Sequence(lambda n: f"Beispielperson {n} (Example)")
    email = factory.Sequence(lambda n: f"feedback{n}@example.org")
    message = "Ein Beispielhinweis. (An example message.)"
    language = "de"
