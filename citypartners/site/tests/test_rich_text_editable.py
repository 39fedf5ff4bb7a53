"""Rich text the project writes opens in the back office, and every public page still shows.

Generated from the system: every model with a ``RichTextField`` (snippets and pages alike)
gets a multi-line text through ``plain_to_rich_text`` and its edit form must open; the
writers that turn visitors' and files' plain text into rich text (the proposal inbox, the
CSV import) are followed to the edit forms and public pages of what they made.
"""

import csv
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Locale, Page, RevisionMixin
from wagtail.snippets.models import get_snippet_models

from citypartners.activities.models import Activity
from citypartners.core.tests.rich_text import assert_editable, words
from citypartners.core.text import plain_to_rich_text
from citypartners.opendata.imports import import_csv
from citypartners.opendata.tables import COLUMNS, csv_text
from citypartners.projects.models import Proposal
from citypartners.site.sections import detail_url, section_page
from citypartners.site.tests.pages import all_public_urls

pytestmark = pytest.mark.django_db

HOSTILE = 'Erste Zeile <b> & "Zitat"\r\nzweite Zeile\n\tdritte 🎉\n\nNeuer Absatz\rmit Umbruch'


def rich_text_models():
    """Every installed model with a rich-text field, with the names of those fields."""
    found = []
    for model in apps.get_models():
        names = [f.name for f in model._meta.get_fields() if isinstance(f, RichTextField)]
        if names:
            found.append((model, names))
    return found


RICH_TEXT_MODELS = rich_text_models()


@pytest.fixture
def admin(client):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x" * 16)
    client.force_login(user)
    return user


def _write(instance, names, user, text=HOSTILE):
    """Store the text in every rich-text field, the way the back office saves it."""
    for name in names:
        setattr(instance, name, plain_to_rich_text(text))
    if isinstance(instance, Page):
        instance.save_revision(user=user).publish()
        return
    instance.save()
    if isinstance(instance, RevisionMixin):
        revision = instance.save_revision(user=user)
        if isinstance(instance, DraftStateMixin):
            revision.publish()


def _edit_form_opens(client, user, instance):
    url = AdminURLFinder(user).get_edit_url(instance)
    assert url, f"{instance!r} has no edit form in the back office"
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_every_rich_text_model_is_found_and_has_an_edit_form():
    found = {model for model, _ in RICH_TEXT_MODELS}
    assert {"Activity", "Project", "Organisation", "HomePage", "StandardPage"} <= {
        m.__name__ for m in found
    }
    snippets = set(get_snippet_models())
    for model in found:
        assert issubclass(model, Page) or model in snippets, (
            f"{model.__name__} has rich text but no back-office screen"
        )


@pytest.mark.parametrize(
    "model,names", RICH_TEXT_MODELS, ids=[m._meta.label for m, _ in RICH_TEXT_MODELS]
)
def test_multi_line_rich_text_opens_in_the_edit_form(client, admin, model, names):
    instance = model.objects.order_by("pk").first()
    assert instance is not None, f"the small site has no {model.__name__}: add one"
    if isinstance(instance, Page):
        instance = instance.specific
    _write(instance, names, admin)
    instance.refresh_from_db()
    for name in names:
        assert_editable(getattr(instance, name))
    body = _edit_form_opens(client, admin, instance).content.decode()
    assert "Neuer Absatz" in body


def test_every_public_page_shows_multi_line_rich_text(client, admin):
    for model, names in RICH_TEXT_MODELS:
        for instance in model.objects.order_by("pk"):
            _write(instance.specific if isinstance(instance, Page) else instance, names, admin)
    shown = 0
    for url in all_public_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        shown += "Neuer Absatz" in response.content.decode()
    assert shown > 10


def test_a_proposal_turned_into_a_project_opens_in_the_back_office(client, admin):
    text = "Wir schlagen vor:\r\n- einen Austausch\n- einen Garten <3\n\nViele Grüße & bis bald"
    response = client.post(
        "/en/get-involved/",
        {
            "name": "Beispiel: Erika Muster",
            "email": "erika@example.org",
            "city": "paris",
            "focus_area": "youth-exchange",
            "text": text,
            "consent": "on",
            "website": "",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    _edit_form_opens(client, admin, proposal)
    edit = reverse("wagtailsnippets_projects_proposal:edit", args=[proposal.pk])
    data = {"decline_reason": "", "project": "", "activity": "", "decision": "new_project"}
    data["edit_version"] = proposal.edit_version
    assert client.post(edit, data).status_code == 302
    project = Proposal.objects.get().project
    # The sender's text stays on the proposal; the project publishes none of it until an
    # editor writes its description (issue 11, item 1).
    assert (project.description_de, project.description_en) == ("", "")
    _edit_form_opens(client, admin, project)
    body = _edit_form_opens(client, admin, Proposal.objects.get()).content.decode()
    assert "einen Garten" in body


def test_activities_imported_with_multi_line_descriptions_open_and_show(client, admin):
    shown = Activity.objects.filter(live=True, is_public=True).order_by("pk").first()
    rows = list(csv.DictReader(io.StringIO(csv_text("activities"))))
    rows.sort(key=lambda row: row["slug"] != shown.slug)  # the shown one first
    rows[0]["description_de"] = "Zeile eins\r\nZeile zwei <&>\n\nAbsatz zwei\rZeile"
    rows[0]["description_en"] = "Line one\nline two\n\n\n\tparagraph two 🎉"
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS["activities"], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    report = import_csv("activities", out.getvalue().encode(), dry_run=False)
    assert report.ok, report
    activity = Activity.objects.get(slug=rows[0]["slug"])
    assert words(activity.description_en) == rows[0]["description_en"].split()
    for markup in (activity.description_de, activity.description_en):
        assert "<br/>" in markup
        assert_editable(markup)
    _edit_form_opens(client, admin, activity)
    assert activity.live and activity.is_public
    for language in ("de", "en"):
        locale = Locale.objects.get(language_code=language)
        page = section_page(locale_id=locale.pk, name="ActivityIndexPage")
        response = client.get(detail_url(page, activity))
        assert response.status_code == 200
        assert ("Absatz zwei" if language == "de" else "paragraph two") in (
            response.content.decode()
        )
