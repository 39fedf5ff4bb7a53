"""A proposal's language is its original language, one of the site's languages: the project
made from it starts in it and the e-mails to the sender are written in it. Existing rows
were stored from the active language already; a value outside the site's languages (a
regional code such as "en-gb", or empty) becomes its base language, else the site's first.
The reason for declining is now sent to the sender, which its help text says."""

from django.db import migrations, models


def _languages_of_the_site(apps, schema_editor):
    Proposal = apps.get_model("projects", "Proposal")
    codes = ("de", "en")  # as LANGUAGES when this migration was written
    for proposal in Proposal.objects.exclude(language__in=codes).only("pk", "language"):
        base = (proposal.language or "").split("-")[0].split("_")[0].lower()
        Proposal.objects.filter(pk=proposal.pk).update(language=base if base in codes else "de")


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0004_proposal_notified_at_means_queued"),
    ]

    operations = [
        migrations.RunPython(_languages_of_the_site, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="proposal",
            name="language",
            field=models.CharField(
                choices=[("de", "Deutsch"), ("en", "English")],
                default="de",
                help_text="The language of the page the proposal was sent from. The project made from it starts in this language, and the e-mails to the sender are written in it.",
                max_length=5,
                verbose_name="original language",
            ),
        ),
        migrations.AlterField(
            model_name="proposal",
            name="decline_reason",
            field=models.TextField(
                blank=True,
                help_text="Sent to the sender in the e-mail about the decision: write it to them, and name no other person.",
                verbose_name="reason for declining",
            ),
        ),
    ]
