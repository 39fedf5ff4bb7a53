"""The confirmation pages after a form read in the page's language: /en/…/thanks/,
/de/…/danke/; the other language's segment redirects there for good, and the language
switch leads to the other language's own segment."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

PAGES = {
    "get involved": {"de": "/de/mitmachen/", "en": "/en/get-involved/"},
    "accessibility": {"de": "/de/barrierefreiheit/", "en": "/en/accessibility/"},
}
SEGMENT = {"de": "danke/", "en": "thanks/"}
OTHER = {"de": "en", "en": "de"}


def _soup(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_thanks_page_lives_at_the_segment_in_its_own_language(client, page, lang):
    base = PAGES[page][lang]
    response = client.get(base + SEGMENT[lang])
    assert response.status_code == 200
    assert _soup(response).html["lang"] == lang


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_other_languages_segment_redirects_permanently_to_this_languages(client, page, lang):
    base = PAGES[page][lang]
    response = client.get(base + SEGMENT[OTHER[lang]])
    assert response.status_code == 301
    assert response["Location"] == base + SEGMENT[lang]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_language_switch_on_a_thanks_page_leads_to_the_other_languages_segment(
    client, page, lang
):
    other = OTHER[lang]
    soup = _soup(client.get(PAGES[page][lang] + SEGMENT[lang]))
    expected = PAGES[page][other] + SEGMENT[other]
    assert soup.select_one(f".language-switch a[hreflang={other}]")["href"] == expected
    assert soup.select_one(f"link[rel=alternate][hreflang={other}]")["href"].endswith(expected)


def test_sending_the_english_feedback_form_leads_to_the_english_thanks_address(client):
    response = client.post(
        "/en/accessibility/",
        {"message": "The map has no text alternative.", "email": "a@example.org"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accessibility/thanks/"
