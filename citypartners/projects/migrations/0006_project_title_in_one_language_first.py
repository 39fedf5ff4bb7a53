"""A project may have its title in one language while the other waits for its translation
(a project made from a proposal starts in the proposal's language); Project.clean() asks
for at least one. No data changes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0005_proposal_original_language"),
    ]

    operations = [
        migrations.AlterField(
            model_name="project",
            name="title_de",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (German)"),
        ),
        migrations.AlterField(
            model_name="project",
            name="title_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="title (English)"),
        ),
    ]
