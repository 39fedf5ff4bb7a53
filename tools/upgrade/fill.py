"""What a snapshot holds beyond the demo: things the office makes by hand in the back office
(a proposal, accessibility feedback, a draft revision of a live activity). Run with the
old release's code (manage.py shell < fill.py)."""

from citypartners.activities.models import Activity
from citypartners.partnerships.models import City
from citypartners.projects.models import Proposal
from citypartners.site.models import AccessibilityFeedback

Proposal.objects.create(
    name="Beispiel: Upgrade-Test",
    email="upgrade@example.org",
    text="Example proposal kept across an upgrade.",
    consent=True,
    language="en",
    client_key="k",
    city=City.objects.get(slug="paris"),
)
AccessibilityFeedback.objects.create(
    name="Example",
    email="a11y@example.org",
    message="Example feedback kept across an upgrade.",
    language="de",
)
activity = Activity.objects.filter(live=True).order_by("pk").first()
activity.title_en = activity.title_en + " (draft edit)"
activity.save_revision()
print("filled", Proposal.objects.count(), AccessibilityFeedback.objects.count())
