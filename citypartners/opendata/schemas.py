"""What the open data API returns: explicit fields only, and never a contact person."""

import datetime

from django.utils.translation import gettext_noop
from ninja import Schema
from pydantic import Field

# Descriptions are English msgids marked for the catalogue: the OpenAPI document is served
# translated (opendata.openapi_texts), the schemas themselves stay in English.


class Named(Schema):
    slug: str
    name: str


class Owner(Named):
    kind: str = Field(description=gettext_noop("state, borough or other"))


class CityRef(Schema):
    slug: str
    name: str
    country_code: str
    latitude: float | None
    longitude: float | None


class CitySummary(Schema):
    language: str = Field(
        description=gettext_noop("BCP 47 code of the language the text is written in")
    )
    direction: str = Field(
        description=gettext_noop("ltr or rtl: the direction the language is written in")
    )
    text: str = Field(description=gettext_noop("Plain text; a blank line separates paragraphs"))
    is_example: bool = Field(
        description=gettext_noop("An example text of the demo, not the office's")
    )


class City(CityRef):
    name_de: str
    name_en: str
    name_local: str
    country: str = Field(description=gettext_noop("Country name in the response language"))
    geonames_id: int | None
    wikidata_id: str | None
    partnership_ids: list[int]
    summaries: list[CitySummary] = Field(
        description=gettext_noop(
            "Short texts about the partnership in the partner city's languages"
        )
    )


class StatusChange(Schema):
    status: str = Field(description=gettext_noop("active, dormant, suspended or ended"))
    valid_from: datetime.date
    reason: str


class FoundingDocument(Schema):
    kind: str
    date: datetime.date
    date_precision: str = Field(
        description=gettext_noop("day, month or year: how much of the date is known")
    )
    note: str
    is_shown: bool = Field(
        description=gettext_noop("This document's date is the one shown as 'since'")
    )


class Partnership(Schema):
    id: int
    owner: Owner
    city: CityRef
    kind: str = Field(description=gettext_noop("partnership, friendship or project (cooperation)"))
    since: datetime.date | None
    since_precision: str | None
    status: str | None = Field(description=gettext_noop("The status in force today"))
    status_since: datetime.date | None
    verified: bool = Field(
        description=gettext_noop("False while the record rests on a single source")
    )
    focus_areas: list[Named]
    status_history: list[StatusChange]
    founding_documents: list[FoundingDocument]


class Activity(Schema):
    slug: str
    owner: str | None
    title: str
    description_html: str
    kind: Named
    status: str = Field(description=gettext_noop("planned, running, done or cancelled"))
    all_day: bool
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    timezone: str
    place: str
    partnership_ids: list[int]
    city_slugs: list[str]
    focus_areas: list[Named]
    project: str | None
    organisations: list[str] = Field(
        description=gettext_noop("Slugs of the organisations taking part")
    )
    registration_url: str


class ProjectOrganisation(Schema):
    slug: str
    name: str
    side: str = Field(description=gettext_noop("home (the office's own city), partner or other"))
    role: str


class Project(Schema):
    slug: str
    owner: str | None
    title: str
    description_html: str
    status: str
    start_date: datetime.date | None
    end_date: datetime.date | None
    partnership_ids: list[int]
    focus_areas: list[Named]
    organisations: list[ProjectOrganisation]


class Organisation(Schema):
    slug: str
    owner: str | None
    name: str
    type: str
    city: str = Field(description=gettext_noop("The city's slug"))
    website: str
    description_html: str
    partnership_ids: list[int]
    focus_areas: list[Named]


class Page(Schema):
    count: int = Field(
        description=gettext_noop(
            "How many records match, on all pages together, counted up to 10,000"
        )
    )
    count_exact: bool = Field(
        description=gettext_noop(
            "False when more records match than `count` says: follow the `next` "
            "links to the end, or take the downloads"
        )
    )
    limit: int
    offset: int | None = Field(
        description=gettext_noop("Records skipped; null on a page reached by cursor")
    )
    next: str | None = Field(
        description=gettext_noop("Address of the next page, if there is one: it carries a `cursor`")
    )
    previous: str | None = Field(
        description=gettext_noop("Address of the previous page, on a page reached by `offset` only")
    )
    language: str
    notes: list[str] = Field(
        description=gettext_noop("Why a filter matched nothing, e.g. an unknown slug")
    )


class CityPage(Page):
    results: list[City]


class PartnershipPage(Page):
    results: list[Partnership]


class ActivityPage(Page):
    results: list[Activity]


class ProjectPage(Page):
    results: list[Project]


class OrganisationPage(Page):
    results: list[Organisation]


class Error(Schema):
    detail: str
