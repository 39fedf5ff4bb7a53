"""The editors' handbook in the back office (site.handbook): in the Help menu, for every office
role, in the account's admin language, each picture it shows in the static folder at its size.

Tests that read the handbook's German text need the German catalogue compiled with its
strings; those here check what does not: the language of the page and of its pictures.
"""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation
from PIL import Image
from wagtail.users.models import UserProfile

from citypartners.accounts.roles import ROLES
from citypartners.accounts.services import account_create
from citypartners.site.handbook import JOBS, SHOT_HEIGHT, SHOT_WIDTH

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
# Each role with an owner it may have.
OWNERS = {
    "state-editor": "land-berlin",
    "state-moderator": "land-berlin",
    "borough-editor": "mitte",
    "contact-steward": "land-berlin",
    "reviewer": "land-berlin",
}


def _account(client, role, language):
    user = account_create(
        email=f"{role}-{language}@example.org", password=PASSWORD, role=role, owner=OWNERS[role]
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return user


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def _headings(soup):
    """The levels of the page's own headings: Wagtail's header (h1) and the content below."""
    found = soup.select("header.w-header h1, main#main h2, main#main h3, main#main h4")
    return [int(h.name[1]) for h in found]


def _urls():
    return [reverse("handbook")] + [reverse("handbook_job", args=[job.slug]) for job in JOBS]


def test_every_office_role_is_covered():
    assert set(OWNERS) == set(ROLES)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("role", sorted(OWNERS))
def test_every_handbook_page_opens_for_each_role_in_its_language_with_headings_in_order(
    client, role, language
):
    _account(client, role, language)
    for url in _urls():
        soup = _page(client, url)
        assert soup.html["lang"] == language, url
        levels = _headings(soup)
        assert levels[0] == 1 and levels.count(1) == 1, (url, levels)
        # No level skipped on the way down.
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), (url, levels)


def test_the_index_links_every_job_under_its_title(client):
    _account(client, "reviewer", "en")
    soup = _page(client, reverse("handbook"))
    links = {a["href"]: a.get_text(strip=True) for a in soup.select("main li a")}
    with translation.override("en"):
        for job in JOBS:
            assert links[reverse("handbook_job", args=[job.slug])] == str(job.title)


@pytest.mark.parametrize("language", ["de", "en"])
def test_each_job_shows_its_steps_in_order_each_picture_in_the_language(client, language):
    _account(client, "state-moderator", language)
    for job in JOBS:
        soup = _page(client, reverse("handbook_job", args=[job.slug]))
        steps = soup.select("main ol.handbook__steps > li")
        assert [li["id"] for li in steps] == [step.key for step in job.steps]
        for li, step in zip(steps, job.steps, strict=True):
            images = li.select("img")
            if not step.has_shot:
                assert images == [], step.key
                continue
            (image,) = images
            assert image["src"].endswith(f"/handbook/{language}/{job.slug}-{step.key}.jpg")
            assert image["alt"].strip(), step.key
            assert (image["width"], image["height"]) == (str(SHOT_WIDTH), str(SHOT_HEIGHT))


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_picture_the_handbook_shows_is_in_the_static_folder_at_its_size(language):
    missing, wrong = [], []
    for job in JOBS:
        for step in job.shots():
            path = finders.find(job.image(step, language))
            if path is None:
                missing.append(job.image(step, language))
                continue
            with Image.open(path) as image:
                if image.size != (SHOT_WIDTH, SHOT_HEIGHT) or image.format != "JPEG":
                    wrong.append((path, image.size, image.format))
    assert missing == [] and wrong == []


def test_the_pictures_stay_small():
    total = 0
    for job in JOBS:
        for step in job.shots():
            for language in ("de", "en"):
                path = finders.find(job.image(step, language))
                if path is not None:
                    with open(path, "rb") as image:
                        total += len(image.read())
    assert 0 < total < 3 * 1024 * 1024


def test_the_help_menu_has_the_handbook_for_every_role(client):
    for role in sorted(OWNERS):
        _account(client, role, "en")
        soup = _page(client, reverse("wagtailadmin_home"))
        menu = str(soup)  # the menu is serialised into the sidebar's data
        assert reverse("handbook") in menu, role
        assert "Handbook for editors" in menu, role


def test_a_job_that_does_not_exist_is_not_found(client):
    _account(client, "reviewer", "en")
    assert client.get(reverse("handbook_job", args=["no-such-job"])).status_code == 404


def test_an_account_without_admin_access_gets_no_handbook(client):
    user = get_user_model().objects.create_user(
        username="citizen", email="citizen@example.org", password=PASSWORD
    )
    client.force_login(user)
    for url in _urls():
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"handbook__steps" not in response.content
    client.logout()
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_the_german_handbook_speaks_the_offices_german(client):
    """Needs the German catalogue with the handbook's strings (locale/de)."""
    _account(client, "borough-editor", "de")
    soup = _page(client, reverse("handbook"))
    assert (
        soup.select_one("header.w-header h1").get_text(strip=True) == "Handbuch für die Redaktion"
    )
    soup = _page(client, reverse("handbook_job", args=["dashboard"]))
    assert (
        soup.select_one("header.w-header h1")
        .get_text(" ", strip=True)
        .startswith("Das Dashboard: Ihr Arbeitstag")
    )
    assert soup.select_one("li#home img")["alt"] == (
        "Das Dashboard nach der Anmeldung mit seinen ersten Bereichen."
    )
