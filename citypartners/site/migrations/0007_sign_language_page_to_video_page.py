"""The sign-language page becomes a video page, in place: same page id, address, place in the
tree, translation key, revisions and wagtail-localize translation.

Which pages: the one the office settings name as the sign-language page, else the overview's
child with the setup's slug "gebaerdensprache", and every translation of it; only while it is
a standard page without subpages (a video page has none). Its text and video move across,
its captions become the captions in the page's own language.

Why in place rather than a new page: a new page would have a new id, so links to it in rich
text, the office settings, the Translation and its StringTranslations would have to be
moved, and the address would be free for a moment. In place, only the rows that name the
page's specific type change: the type's own table row (StandardPage -> VideoPage, written
without touching wagtailcore_page), the page's content type, its revisions (their JSON
names the type), log entries, workflow states, the reference and search indexes, and the
wagtail-localize source (its JSON too). Reversible the same way.
"""

import json

from django.db import migrations

SETUP_SLUG = "gebaerdensprache"
# The rows that name a page's specific type: model, the field with the type, the field with
# the page's id (or "translation_key": wagtail-localize keys its source by that).
TYPED_ROWS = [
    ("wagtailcore", "Revision", "content_type", "object_id"),
    ("wagtailcore", "PageLogEntry", "content_type", "page_id"),
    ("wagtailcore", "WorkflowState", "content_type", "object_id"),
    ("wagtailcore", "ReferenceIndex", "content_type", "object_id"),
    ("wagtailsearch", "IndexEntry", "content_type", "object_id"),
    ("wagtail_localize", "TranslationSource", "specific_content_type", "translation_key"),
]


def _content_type(apps, db, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.using(db).get_or_create(app_label="site", model=model)[0]


def _pages_to_convert(apps, db, Model, slug):
    """The sign-language page and its translations, if each is a `Model` without subpages."""
    OfficeSettings = apps.get_model("core", "OfficeSettings")
    named = OfficeSettings.objects.using(db).exclude(sign_language_page=None)
    ids = list(named.values_list("sign_language_page_id", flat=True))
    pages = Model.objects.using(db)
    found = pages.filter(pk__in=ids) if ids else pages.filter(depth=3, slug=slug)
    keys = set(found.values_list("translation_key", flat=True))
    if not keys:
        return []
    converted = list(pages.filter(translation_key__in=keys).select_related("locale"))
    Page = apps.get_model("wagtailcore", "Page")
    every = Page.objects.using(db).filter(translation_key__in=keys)
    if every.count() != len(converted) or any(page.numchild for page in converted):
        return []  # a translation of another type, or subpages: left as it is
    return converted


def _retype(apps, db, pages, old_type, new_type, keys_renamed):
    ids = [page.pk for page in pages]
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.using(db).filter(pk__in=ids).update(content_type=new_type)
    by_field = {
        "object_id": [str(pk) for pk in ids],
        "page_id": ids,
        "translation_key": [page.translation_key for page in pages],
    }
    for app_label, name, type_field, id_field in TYPED_ROWS:
        try:
            Model = apps.get_model(app_label, name)
        except LookupError:
            continue
        if id_field == "translation_key":
            rows = Model.objects.using(db).filter(object_id__in=by_field[id_field])
        else:
            rows = Model.objects.using(db).filter(**{f"{id_field}__in": by_field[id_field]})
        rows = rows.filter(**{type_field: old_type})
        for row in rows:
            setattr(row, type_field, new_type)
            # Revisions and wagtail-localize's source hold the page as JSON, type and fields.
            for attribute in ("content", "content_json"):
                content = getattr(row, attribute, None)
                if content is None:
                    continue
                data = content if isinstance(content, dict) else json.loads(content)
                data["content_type"] = new_type.pk
                language = next(
                    (page.locale.language_code for page in pages if str(page.pk) == str(data.get("pk"))),
                    "de",
                )
                for old, new in keys_renamed(language).items():
                    if old in data:
                        data[new] = data.pop(old)
                setattr(
                    row,
                    attribute,
                    data if isinstance(content, dict) else json.dumps(data),
                )
            row.save()


def _convert(apps, schema_editor, *, source, target, fields):
    db = schema_editor.connection.alias
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.using(db).filter(app_label="site", model=source.lower()).exists():
        return  # a new database: no such page yet
    Source = apps.get_model("site", source)
    Target = apps.get_model("site", target)
    pages = _pages_to_convert(apps, db, Source, SETUP_SLUG)
    if not pages:
        return
    old_type = _content_type(apps, db, source.lower())
    new_type = _content_type(apps, db, target.lower())
    for page in pages:
        values = fields(page)
        # Only the specific type's own table: raw=True leaves wagtailcore_page alone.
        Target(page_ptr_id=page.pk, **values).save_base(raw=True, using=db)
        Source.objects.using(db).filter(pk=page.pk)._raw_delete(db)

    def keys_renamed(language):
        if source == "StandardPage":
            return {"video_captions": f"captions_{language}"}
        return {f"captions_{language}": "video_captions"}

    _retype(apps, db, pages, old_type, new_type, keys_renamed)


def to_video_page(apps, schema_editor):
    def fields(page):
        language = page.locale.language_code
        captions = {f"captions_{language}_id": page.video_captions_id} if language in ("de", "en") else {}
        return {"body": page.body, "video_id": page.video_id, "transcript": "", **captions}

    _convert(apps, schema_editor, source="StandardPage", target="VideoPage", fields=fields)


def to_standard_page(apps, schema_editor):
    def fields(page):
        language = page.locale.language_code
        captions = getattr(page, f"captions_{language}_id", None)
        # The transcript has no place on a standard page: it follows the text.
        return {
            "body": page.body + page.transcript,
            "video_id": page.video_id,
            "video_captions_id": captions,
        }

    _convert(apps, schema_editor, source="VideoPage", target="StandardPage", fields=fields)


class Migration(migrations.Migration):
    dependencies = [
        ("site", "0006_video_page"),
        ("core", "0003_officesettings_edit_version"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailsearch", "0010_add_text_fields"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(to_video_page, to_standard_page)]
