"""Done when: a visitor proposes from a city page, an editor accepts it into a project with
organisations from both cities, and the city page shows it."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from citypartners.accounts.services import account_create
from citypartners.organisations.models import Organisation
from citypartners.partnerships.models import City, Partnership
from citypartners.projects.models import Proposal

pytestmark = pytest.mark.django_db


def test_from_proposal_to_project_on_the_city_page(client):
    # 1. A visitor follows the link on the Madrid page and sends a proposal.
    city_page = BeautifulSoup(client.get("/en/madrid/").content.decode(), "html.parser")
    form_url = city_page.find("section", attrs={"aria-labelledby": "involved-heading"}).a["href"]
    response = client.post(
        form_url.split("?")[0],
        {
            "name": "Beispiel: Lola Ejemplo",
            "email": "lola@example.org",
            "city": "madrid",
            "focus_area": "culture",
            "text": "Example: a joint choir festival.",
            "consent": "on",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()

    # 2. An editor turns it into a project ...
    editor = Client()
    editor.force_login(
        account_create(
            role="state-moderator",
            email="editor@example.org",
            password="a long and careful passphrase",
        )
    )
    editor.post(
        reverse("wagtailsnippets_projects_proposal:edit", args=[proposal.pk]),
        {
            "decline_reason": "",
            "project": "",
            "activity": "",
            "decision": "new_project",
            "edit_version": proposal.edit_version,
        },
    )
    proposal.refresh_from_db()
    project = proposal.project
    assert proposal.status == "accepted" and project is not None

    # 3. ... gives it organisations from Berlin and from Madrid, and sets it running.
    berlin_choir = Organisation.objects.create(
        name="Beispiel-Chor Berlin (Example)",
        slug="example-choir-berlin",
        type="culture",
        city=City.objects.get(slug="berlin"),
    )
    madrid_choir = Organisation.objects.create(
        name="Coro Ejemplo Madrid (Example)",
        slug="example-choir-madrid",
        type="culture",
        city=City.objects.get(slug="madrid"),
    )
    madrid = Partnership.objects.get(city__slug="madrid", owner__slug="land-berlin")
    data = nested_form_data(
        {
            "owner": project.owner_id,
            "edit_version": project.edit_version,
            "title_de": "Beispiel: Chorfestival Berlin–Madrid",
            "title_en": "Example: Choir festival Berlin–Madrid",
            "slug": project.slug,
            "status": "running",
            "start_date": "2026-09-01",
            "end_date": "",
            "description_de": rich_text("<p>Ein erfundenes Beispiel.</p>"),
            "description_en": rich_text("<p>An invented example.</p>"),
            "project_organisations": inline_formset(
                [
                    {
                        "organisation": berlin_choir.pk,
                        "side": "home",
                        "role_de": "Gastgeber",
                        "role_en": "Host",
                    },
                    {
                        "organisation": madrid_choir.pk,
                        "side": "partner",
                        "role_de": "Gast",
                        "role_en": "Guest",
                    },
                ]
            ),
        }
    )
    # Multiple choices as lists, which nested_form_data would flatten.
    data["partnerships"] = [madrid.pk]
    data["focus_areas"] = [a.pk for a in project.focus_areas.all()]
    response = editor.post(
        reverse("wagtailsnippets_projects_project:edit", args=[project.pk]), data
    )
    assert response.status_code == 302, response.context["form"].errors
    madrid_page = Client().get("/en/madrid/").content.decode()
    projects = BeautifulSoup(madrid_page, "html.parser").find(
        "section", attrs={"aria-labelledby": "projects-heading"}
    )
    assert "Example: Choir festival Berlin–Madrid" in projects.get_text()
    detail = Client().get(f"/en/projects/{project.slug}/").content.decode()
    assert "Beispiel-Chor Berlin (Example)" in detail and "Coro Ejemplo Madrid (Example)" in detail
