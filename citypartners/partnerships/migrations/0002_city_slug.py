from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    City = apps.get_model("partnerships", "City")
    taken = set()
    for city in City.objects.order_by("pk"):
        base = slugify(city.name_en)[:90] or "city"
        slug = base
        for candidate in [base, f"{base}-{city.country_code.lower()}", *[f"{base}-{n}" for n in range(2, 1000)]]:
            if candidate not in taken:
                slug = candidate
                break
        taken.add(slug)
        city.slug = slug
        city.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("partnerships", "0001_cities_owners_partnerships_and_pages")]

    operations = [
        migrations.AddField(
            model_name="city", name="slug",
            # No index yet: the unique constraint below brings its own (and PostgreSQL
            # would otherwise get the same "_like" index twice).
            field=models.SlugField(max_length=100, null=True, db_index=False, verbose_name="slug"),
        ),
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="city", name="slug",
            field=models.SlugField(
                help_text="Names the city in addresses, such as the city's calendar feed.",
                max_length=100, unique=True, verbose_name="slug",
            ),
        ),
    ]
