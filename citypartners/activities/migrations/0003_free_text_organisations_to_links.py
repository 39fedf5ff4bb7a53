"""Free-text organisations become links where an organisation of that name exists.

Lines without a match stay in the free text, so nothing is lost.
"""

from django.db import migrations


def link_organisations(apps, schema_editor):
    Activity = apps.get_model("activities", "Activity")
    Organisation = apps.get_model("organisations", "Organisation")
    by_name = {o.name.casefold(): o for o in Organisation.objects.all()}
    if not by_name:
        return
    # Written to the link table directly: a parental relation would wait for a full save.
    Link = Activity.participating_organisations.through
    for activity in Activity.objects.exclude(organisations=""):
        kept = []
        for line in activity.organisations.splitlines():
            match = by_name.get(line.strip().casefold())
            if match is not None:
                Link.objects.get_or_create(activity_id=activity.pk, organisation_id=match.pk)
            elif line.strip():
                kept.append(line.strip())
        if "\n".join(kept) != activity.organisations:
            activity.organisations = "\n".join(kept)
            activity.save(update_fields=["organisations"])


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0002_link_organisations_contacts_and_project"),
        ("organisations", "0001_organisations"),
    ]

    operations = [migrations.RunPython(link_organisations, migrations.RunPython.noop)]
