"""Share images for link previews, drawn on the server: the site's and each partner city's."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from PIL import Image

from citypartners.partnerships.models import City
from citypartners.site import share_images
from citypartners.site.models import PartnerCityPage
from citypartners.site.share_images import font_path

pytestmark = pytest.mark.django_db


def _image(response) -> Image.Image:
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "public" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    return Image.open(io.BytesIO(response.content))


def test_a_partner_city_page_is_shared_with_its_own_image_of_its_place(client):
    page = PartnerCityPage.objects.live().filter(locale__language_code="en").first()
    city = page.partnership.city
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    image_url = soup.select_one('meta[property="og:image"]')["content"]
    assert image_url == f"http://testserver/en/share/city-{city.pk}.png"
    image = _image(client.get(image_url.removeprefix("http://testserver")))
    assert image.size == (1200, 630)
    # The dot (yellow) is drawn where the city is: somewhere on the map, below the text band.
    yellow = [
        (x, y)
        for x in range(0, 1200, 4)
        for y in range(190, 630, 4)
        if image.getpixel((x, y))[:3] == (0xF5, 0xC5, 0x42)
    ]
    assert yellow


def test_two_cities_get_different_images_and_a_draft_city_none(client):
    cities = list(City.objects.filter(live=True).exclude(latitude=None).order_by("pk")[:2])
    first, second = (client.get(f"/de/share/city-{c.pk}.png").content for c in cities)
    assert first != second
    draft = cities[0]
    City.objects.filter(pk=draft.pk).update(live=False)
    assert client.get(f"/de/share/city-{draft.pk}.png").status_code == 404


def test_every_other_page_is_shared_with_the_sites_image(client):
    soup = BeautifulSoup(client.get("/de/").content, "html.parser")
    assert soup.select_one('meta[property="og:image"]')["content"] == (
        "http://testserver/de/share/site.png"
    )
    assert _image(client.get("/de/share/site.png")).size == (1200, 630)


def test_the_share_images_font_is_dejavu_found_by_fontconfig():
    assert "DejaVu" in font_path() and font_path().endswith(".ttf")


def test_without_fontconfig_and_dejavu_the_error_names_the_package(monkeypatch, tmp_path):
    def no_fc_match(*args, **kwargs):
        raise FileNotFoundError("fc-match")

    monkeypatch.setattr(share_images.subprocess, "run", no_fc_match)
    monkeypatch.setattr(share_images, "DEBIAN_FONT", tmp_path / "missing.ttf")
    font_path.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured, match="fonts-dejavu-core"):
            font_path()
    finally:
        font_path.cache_clear()
