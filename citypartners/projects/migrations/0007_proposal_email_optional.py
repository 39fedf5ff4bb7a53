"""A proposal may come without an e-mail address: the sender then gets no answer. No data
changes."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("projects", "0006_project_title_in_one_language_first"),
    ]

    operations = [
        migrations.AlterField(
            model_name="proposal",
            name="email",
            field=models.EmailField(
                blank=True,
                help_text="Where the office's answers go; empty if the sender gave none.",
                max_length=254,
                verbose_name="e-mail",
            ),
        ),
    ]
