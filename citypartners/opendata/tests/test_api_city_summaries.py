"""A city's summaries in partner languages are public office texts: the API gives them with
the city, with their language and direction, and the OpenAPI document describes them."""

import pytest

from citypartners.partnerships.models import City
from citypartners.partnerships.services import city_summary_set

pytestmark = pytest.mark.django_db

HEBREW = "ברלין ותל אביב-יפו הן ערים תאומות."


def test_a_city_in_the_api_carries_its_summaries_with_language_and_direction(client):
    warsaw = City.objects.get(slug="warsaw")
    city_summary_set(city=warsaw, language="pl", text="Berlin i Warszawa.", is_example=True)
    city_summary_set(city=warsaw, language="he", text=HEBREW)
    expected = [
        {"language": "pl", "direction": "ltr", "text": "Berlin i Warszawa.", "is_example": True},
        {"language": "he", "direction": "rtl", "text": HEBREW, "is_example": False},
    ]
    assert client.get("/api/v1/cities/warsaw/").json()["summaries"] == expected
    rows = client.get("/api/v1/cities/", {"limit": 100}).json()["results"]
    by_slug = {row["slug"]: row["summaries"] for row in rows}
    assert by_slug["warsaw"] == expected
    assert by_slug["paris"] == []


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "BCP 47 code of the language"), ("de", "BCP-47-Code der Sprache")],
)
def test_the_openapi_document_describes_the_summaries(client, lang, words):
    schemas = client.get(f"/api/v1/openapi.json?lang={lang}").json()["components"]["schemas"]
    assert "summaries" in schemas["City"]["required"]
    summary = schemas["CitySummary"]["properties"]
    assert set(summary) == {"language", "direction", "text", "is_example"}
    assert summary["language"]["description"].startswith(words)
