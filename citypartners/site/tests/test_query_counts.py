"""Each public page runs the same number of queries whatever the number of partnerships."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, FoundingDocument, Partnership, PartnershipStatus
from citypartners.site.models import HomePage, PartnerCityPage

pytestmark = pytest.mark.django_db

# Measured on the small test site; a rise means a page gained queries (perhaps an N+1).
# The boroughs overview: one more since it is paged (the count of boroughs), and three for
# its map apart from the page's list (how many partnerships in how many grid cells, the
# points, the partnerships named: partnerships.selectors.borough_map_points). Every page: one
# for the main navigation and the breadcrumb trail together (sections.navigation_pages). A
# city page: one for its city's summaries in partner languages (partnership_detail).
MAX_QUERIES = {"overview": 13, "city": 28, "boroughs": 20, "borough": 17}


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow_to(total: int):
    """Add state partnerships (with documents, statuses and city pages) up to `total`."""
    state = Owner.objects.get(slug="land-berlin")
    home = HomePage.objects.get(locale=Locale.objects.get(language_code="de"))
    borough = Owner.objects.filter(kind="borough").first()
    missing = total - Partnership.objects.filter(owner=state).count()
    cities = City.objects.bulk_create(
        City(
            name_en=f"Example {i}", name_de=f"Beispiel {i}", slug=f"example-{i}", country_code="FR"
        )
        for i in range(missing)
    )
    made = Partnership.objects.bulk_create(Partnership(owner=state, city=c) for c in cities)
    Partnership.objects.bulk_create(Partnership(owner=borough, city=c) for c in cities)
    FoundingDocument.objects.bulk_create(
        FoundingDocument(
            partnership=p, kind="agreement", date=datetime.date(2001, 1, 1), is_shown=True
        )
        for p in made
    )
    PartnershipStatus.objects.bulk_create(
        PartnershipStatus(partnership=p, status="active", valid_from=datetime.date(2001, 1, 1))
        for p in made
    )
    # City pages for a sample of them: each row with a page adds a link, not a query.
    for p in made[:25]:
        home.add_child(
            instance=PartnerCityPage(title=p.city.name_de, slug=f"beispiel-{p.pk}", partnership=p)
        )


@pytest.mark.parametrize(
    "name,url",
    [
        ("overview", "/de/"),
        ("city", "/de/warschau/"),
        ("boroughs", "/en/boroughs/"),
        ("borough", "/de/bezirke/mitte/"),
    ],
)
def test_query_count_is_the_same_with_a_few_and_500_partnerships(
    client, name, url, django_assert_max_num_queries
):
    client.get(url)  # warm the per-process caches (site root paths, content types)
    with django_assert_max_num_queries(MAX_QUERIES[name]):
        small = _count(client, url)
    _grow_to(500)
    assert Partnership.objects.filter(owner__slug="land-berlin").count() == 500
    large = _count(client, url)
    assert large == small, f"{name}: {small} queries with a few, {large} with 500 partnerships"
    if name == "overview":
        assert len(re.findall(r"<tr[\s>]", client.get(url).content.decode())) == 501
