"""Every form the public can send, found on the pages themselves: a line break or another
control character in any one-line field is a form error in the reader's language, never a
500 (it would end up in a mail header or a log line).

Generated: the pages are one of each page type plus the views that are not pages, in both
languages; the forms and their one-line fields are read from the HTML, so a form or field
added later is covered without touching this test.
"""

import pytest
from bs4 import BeautifulSoup

from citypartners.activities.forms import ActivityFilterForm
from citypartners.core.forms import PublicFormMixin, single_line
from citypartners.projects.forms import FinderForm, ProposalForm
from citypartners.projects.models import Proposal
from citypartners.site.forms import FeedbackForm

from .pages import activity_view_urls, one_page_of_each_type

pytestmark = pytest.mark.django_db

ONE_LINE_TYPES = {"text", "email", "search", "tel", "url", None}
HOSTILE = [
    "Ada\r\nBcc: victim@example.org",
    "Ada\nMuster",
    "Ada\rMuster",
    "Ada\x00Muster",
    "Ada\x85Muster",
]
MESSAGE = {
    "en": "Please write this on one line, without line breaks or control characters.",
}


def _public_urls():
    urls = []
    for _type, german, english in one_page_of_each_type():
        urls += [german, english]
    return urls + activity_view_urls()


def _forms(html):
    """(method, action, fields, one-line field names) of each form on a page."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for form in soup.find_all("form"):
        fields, one_line = {}, []
        for field in form.find_all(["input", "select", "textarea"]):
            name = field.get("name")
            if not name:
                continue
            if field.name == "input" and field.get("type") in ONE_LINE_TYPES:
                one_line.append(name)
            if field.name == "input" and field.get("type") == "checkbox":
                fields[name] = "on"
            elif field.name == "textarea":
                fields[name] = "A proposal of some length."
            elif field.name == "input" and field.get("type") == "email":
                fields[name] = "ada@example.org"
            elif field.name == "input" and field.get("type") not in {"date", "submit"}:
                fields[name] = field.get("value") or ""
        found.append((form.get("method", "get").lower(), form.get("action"), fields, one_line))
    return found


def _is_search(action):
    return action.rstrip("/").endswith(("/suche", "/search"))


def test_every_public_form_refuses_control_characters_in_one_line_fields(client):
    checked = set()
    for url in _public_urls():
        lang = url.split("/")[1]
        page = client.get(url)
        assert page.status_code == 200, url
        for method, action, fields, one_line in _forms(page.content.decode()):
            for name in one_line:
                if name == "website" or (action, name) in checked:
                    continue  # the bots' trap field
                checked.add((action, name))
                for value in HOSTILE:
                    data = {**fields, name: value}
                    send = client.post if method == "post" else client.get
                    response = send(action, data)
                    assert response.status_code < 500, (action, name, value)
                    if _is_search(action):
                        continue  # a search for any text answers with what it found
                    assert response.status_code == 200, (action, name, value)
                    soup = BeautifulSoup(response.content.decode(), "html.parser")
                    form = next(f for f in soup.find_all("form") if f.get("action") == action)
                    field = form.find(attrs={"name": name}, id=True)
                    error = soup.find(id=f"{field['id']}-error")
                    assert error is not None, (action, name, value)
                    if lang in MESSAGE:
                        assert MESSAGE[lang] in error.get_text(), (action, name, value)
    # The proposal form, the feedback form and the activity filter were all found.
    names = {name for _action, name in checked}
    assert {"name", "email", "organisation_name", "q"} <= names


def test_a_proposal_with_a_line_break_in_the_name_is_not_stored(client):

    response = client.post(
        "/en/get-involved/",
        {
            "name": "Ada\r\nBcc: victim@example.org",
            "email": "ada@example.org",
            "text": "Let us plant trees.",
            "consent": "on",
        },
    )
    assert response.status_code == 200
    assert MESSAGE["en"] in response.content.decode()
    assert not Proposal.objects.exists()


def test_every_one_line_field_of_a_public_form_has_the_check():

    for form_class in (ProposalForm, FinderForm, FeedbackForm, ActivityFilterForm):
        assert issubclass(form_class, PublicFormMixin), form_class
        form = form_class()
        for name, field in form.fields.items():
            if hasattr(field, "max_length") and not field.widget.__class__.__name__ == "Textarea":
                assert single_line in field.validators, (form_class, name)
