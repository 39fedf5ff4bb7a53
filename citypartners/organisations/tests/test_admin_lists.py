"""The back office's organisation list exports in the user's language."""

import csv
import io

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from citypartners.accounts.services import account_create
from citypartners.organisations.models import Organisation
from citypartners.organisations.tests.factories import OrganisationFactory
from citypartners.owners.models import Owner
from citypartners.partnerships.tests.factories import CityFactory

pytestmark = pytest.mark.django_db


def _login(client, language):
    user = account_create(
        email=f"editor-{language}@example.org",
        password="a long and careful passphrase",
        role="state-editor",
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)


@pytest.mark.parametrize(
    "language,headers,row",
    [
        (
            "de",
            ["Name", "Typ", "Stadt", "Land", "Träger"],
            ["Beispiel-Hochschule", "Hochschule", "Beispielhausen", "Frankreich", "Land Berlin"],
        ),
        (
            "en",
            ["Name", "Type", "City", "Country", "Owner"],
            ["Beispiel-Hochschule", "university", "Exampleton", "France", "State of Berlin"],
        ),
    ],
)
def test_the_organisation_export_names_type_city_and_country_in_the_users_language(
    client, language, headers, row
):
    OrganisationFactory(
        owner=Owner.objects.get(slug="land-berlin"),
        name="Beispiel-Hochschule",
        type=Organisation.Type.UNIVERSITY,
        city=CityFactory(name_en="Exampleton", name_de="Beispielhausen", country_code="FR"),
    )
    _login(client, language)
    response = client.get(
        reverse("wagtailsnippets_organisations_organisation:list"),
        {"export": "csv", "q": "Beispiel-Hochschule"},
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:5] == headers
    assert rows[1][:5] == row
