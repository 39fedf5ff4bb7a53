"""The print style sheet's helper: the site's address, which print puts before the address
of each link within the site (test_print_browser.py checks the printout itself)."""

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db


def test_the_print_origin_style_sheet_names_the_sites_address_as_a_css_string(client):
    response = client.get("/print-origin.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert response.content.decode() == ':root { --site-origin: "http://testserver"; }\n'
    assert "max-age=86400" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/de/", "/en/", "/en/paris/"])
def test_every_page_links_it_for_print_only(client, url):
    soup = BeautifulSoup(client.get(url).content.decode(), "html.parser")
    sheet = soup.select_one('link[rel=stylesheet][href="/print-origin.css"]')
    assert sheet is not None and sheet["media"] == "print"
