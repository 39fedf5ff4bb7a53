"""Sets up an office's site without the demo: the two locales, the overview and every section
page in German and English (linked as translations), the default Site, the office settings
with the home city, the owners (the state and its boroughs) and a first administrator.

Every function here creates only what is missing and keeps what exists as it is (an editor's
text or setting is never overwritten), so a second run with the same input changes nothing.
A section page that was deleted is made again: the public site needs each of them. The
Berlin demo builds its page tree through the same functions, with its own texts
(citypartners.demo.loader); the texts here are neutral and invent nothing.
"""

import zoneinfo
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import Translation

from citypartners.accounts.services import account_create, roles_sync
from citypartners.activities.models import Activity, ActivityKind
from citypartners.contacts.models import ContactPerson
from citypartners.core.countries import validate_country_code
from citypartners.core.models import OfficeSettings
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.owners.services import owner_ensure
from citypartners.partnerships import geonames
from citypartners.partnerships.models import City, FocusArea, Partnership
from citypartners.partnerships.services import city_create
from citypartners.projects.models import Project

from .models import (
    AccessibilityPage,
    ActivityIndexPage,
    AnnualReportIndexPage,
    BoroughIndexPage,
    BoroughPage,
    EasyLanguagePage,
    GetInvolvedPage,
    HomePage,
    OrganisationIndexPage,
    ProjectCooperationsPage,
    ProjectIndexPage,
    StandardPage,
    VideoPage,
)
from .services import PageTranslationMismatch, page_translation_link
from .setup_texts import LANGUAGES, EasyTopic, easy_language_topics, home_titles, neutral_texts


# --- what a report says ----------------------------------------------------------------------
@dataclass
class SetupReport:
    """What one run created (all zero on a second run), and given values it left alone."""

    created: dict[str, int] = field(default_factory=dict)
    kept: list[str] = field(default_factory=list)

    def count(self, what: str, n: int = 1):
        self.created[what] = self.created.get(what, 0) + n

    @property
    def total(self) -> int:
        return sum(self.created.values())

    def summary(self) -> str:
        """What was created, e.g. "pages: 24, owners: 3", in the active language."""
        return ", ".join(
            f"{COUNTED.get(what, what)}: {n}" for what, n in sorted(self.created.items()) if n
        )


# What a report counts, named for people.
COUNTED = {
    "pages": gettext_lazy("pages"),
    "sites": gettext_lazy("sites"),
    "settings": gettext_lazy("office settings"),
    "owners": gettext_lazy("owners"),
    "cities": gettext_lazy("cities"),
    "city summaries": gettext_lazy("summaries in partner languages"),
    "administrators": gettext_lazy("administrators"),
    "partnerships": gettext_lazy("partnerships"),
    "focus areas": gettext_lazy("focus areas"),
    "kinds of activity": gettext_lazy("kinds of activity"),
    "activities": gettext_lazy("activities"),
    "organisations": gettext_lazy("organisations"),
    "contact people": gettext_lazy("contact people"),
    "projects": gettext_lazy("projects"),
    "coordinates from GeoNames": gettext_lazy("coordinates from GeoNames"),
    "budget lines": gettext_lazy("budget lines"),
    "grant reports": gettext_lazy("grant reports"),
}


# --- the page tree ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Section:
    """One page below the overview that the public site needs, in both languages."""

    key: str
    model: type[Page]
    slugs: Mapping[str, str]
    titles: Mapping[str, str]
    fields: tuple[str, ...]  # its texts, each given in both languages
    # In the main navigation (Wagtail's "Show in menus"; the office changes it per page).
    in_menu: bool = False


SECTIONS = (
    Section(
        "boroughs",
        BoroughIndexPage,
        {"de": "bezirke", "en": "boroughs"},
        {"de": "Bezirke", "en": "Boroughs"},
        ("intro",),
        in_menu=True,
    ),
    Section(
        "project_cooperations",
        ProjectCooperationsPage,
        {"de": "projektkooperationen", "en": "project-cooperations"},
        {"de": "Projektkooperationen", "en": "Project cooperations"},
        ("intro",),
        in_menu=True,
    ),
    Section(
        "activities",
        ActivityIndexPage,
        {"de": "aktivitaeten", "en": "activities"},
        {"de": "Aktivitäten und Veranstaltungen", "en": "Activities and events"},
        ("intro",),
        in_menu=True,
    ),
    Section(
        "get_involved",
        GetInvolvedPage,
        {"de": "mitmachen", "en": "get-involved"},
        {"de": "Mitmachen", "en": "Get involved"},
        ("body", "thanks_text"),
        in_menu=True,
    ),
    Section(
        "projects",
        ProjectIndexPage,
        {"de": "projekte", "en": "projects"},
        {"de": "Projekte", "en": "Projects"},
        ("intro",),
    ),
    Section(
        "organisations",
        OrganisationIndexPage,
        {"de": "einrichtungen", "en": "institutions"},
        {"de": "Einrichtungen", "en": "Institutions"},
        ("intro",),
    ),
    Section(
        "annual_reports",
        AnnualReportIndexPage,
        {"de": "jahresberichte", "en": "annual-reports"},
        {"de": "Jahresberichte", "en": "Annual reports"},
        ("intro",),
    ),
    Section(
        "imprint",
        StandardPage,
        {"de": "impressum", "en": "imprint"},
        {"de": "Impressum", "en": "Imprint"},
        ("body",),
    ),
    Section(
        "privacy",
        StandardPage,
        {"de": "datenschutz", "en": "privacy"},
        {"de": "Datenschutzerklärung", "en": "Privacy notice"},
        ("body",),
    ),
    Section(
        "easy_language",
        StandardPage,
        {"de": "leichte-sprache", "en": "easy-language"},
        {"de": "Leichte Sprache", "en": "Easy Read"},
        ("body",),
    ),
    Section(
        "sign_language",
        VideoPage,
        {"de": "gebaerdensprache", "en": "sign-language"},
        {"de": "Gebärdensprache", "en": "Sign language"},
        ("body", "transcript"),
    ),
    Section(
        "accessibility",
        AccessibilityPage,
        {"de": "barrierefreiheit", "en": "accessibility"},
        {"de": "Erklärung zur Barrierefreiheit", "en": "Accessibility statement"},
        ("body", "thanks_text"),
    ),
)
# The footer's pages, as OfficeSettings names them (<key>_page).
FOOTER = ("imprint", "privacy", "accessibility", "easy_language", "sign_language")
HOME_SLUG = "home"

# key -> field -> language -> HTML; "home" holds the overview's "intro".
Texts = Mapping[str, Mapping[str, Mapping[str, str]]]


@dataclass
class PageTree:
    """The German overview, the default Site, and each section's German page by key."""

    home: HomePage
    site: Site
    pages: dict[str, Page]

    @property
    def footer(self) -> dict[str, Page]:
        return {key: self.pages[key] for key in FOOTER}


def _publish(page: Page):
    page.save_revision().publish()


def child_page_ensure(
    parent: Page, model: type[Page], *, slug: str, report: SetupReport, **fields
) -> Page:
    """The child of `parent` of this type (with `slug`, where a parent may have several),
    created and published if missing."""
    children = model.objects.child_of(parent)
    if model.max_count_per_parent != 1:
        children = children.filter(slug=slug)
    existing = children.order_by("path").first()
    if existing is not None:
        return existing
    page = model(slug=slug, locale_id=parent.locale_id, **fields)
    parent.add_child(instance=page)
    _publish(page)
    report.count("pages")
    return page


def translation_ensure(
    page: Page, locale: Locale, *, slug: str, report: SetupReport, **fields
) -> Page:
    """The page's version in `locale` (same translation key), created and published if
    missing, and linked as its wagtail-localize translation (``page_translation_link``): an
    existing version not yet linked is linked too. A version whose texts do not line up
    with the page's (an editor's changes; the demo's easy-language page, whose English is
    not a sentence-by-sentence translation) stays an unlinked copy, named in the report."""
    translated = page.get_translation_or_none(locale)
    if translated is not None:
        translated = translated.specific
        if Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=locale
        ).exists():
            return translated
    else:
        translated = page.copy_for_translation(locale)
        translated.slug = slug
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save()
        _publish(translated)
        report.count("pages")
    try:
        page_translation_link(source=page, translated=translated)
    except PageTranslationMismatch:
        report.kept.append(
            _("the page “%(title)s”, not linked as a translation (its texts differ)")
            % {"title": translated.title}
        )
    return translated


def _remove_welcome_page(root: Page):
    """Wagtail's migrations leave a placeholder "Welcome" page under the root."""
    plain = ContentType.objects.get_for_model(Page)
    for page in root.get_children().filter(content_type=plain, slug=HOME_SLUG):
        if page.numchild == 0:
            page.delete()


def page_tree_ensure(
    *, home_titles: Mapping[str, str], texts: Texts, report: SetupReport
) -> PageTree:
    """Both locales, the overview in German and English, every section page below it in
    both languages, and the default Site showing the overview."""
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}
    de, en = locales["de"], locales["en"]
    # Wagtail's migrations make the tree's root; a flushed database has none.
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=de)
    )
    site = Site.objects.filter(is_default_site=True).first()
    address = (site.hostname, site.port) if site else ("localhost", 80)
    home = None
    if site is not None and site.root_page.specific_class is HomePage:
        home = site.root_page.specific
    if home is None:
        home = HomePage.objects.filter(locale=de, depth=2).order_by("path").first()
    if home is None:
        _remove_welcome_page(root)  # its Site goes with it and is made again below
        home = HomePage(
            title=home_titles["de"], slug=HOME_SLUG, locale=de, intro=texts["home"]["intro"]["de"]
        )
        root.add_child(instance=home)
        _publish(home)
        report.count("pages")
    # Both overviews sit under the root, where slugs must differ; addresses never show them.
    translation_ensure(
        home,
        en,
        slug=f"{home.slug}-en",
        title=home_titles["en"],
        intro=texts["home"]["intro"]["en"],
        report=report,
    )

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname=address[0],
            port=address[1],
            root_page=home,
            is_default_site=True,
            site_name="citypartners",
        )
        report.count("sites")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
        report.count("sites")

    # A footer page the office chose stays its page, whatever its address became.
    office = OfficeSettings.objects.filter(site=site).first()
    chosen = {key: getattr(office, f"{key}_page") for key in FOOTER} if office else {}
    pages = {}
    for section in SECTIONS:
        values = {name: texts[section.key][name] for name in section.fields}
        page = chosen.get(section.key)
        if page is None:
            page = child_page_ensure(
                home,
                section.model,
                slug=section.slugs["de"],
                title=section.titles["de"],
                show_in_menus=section.in_menu,
                report=report,
                **{name: value["de"] for name, value in values.items()},
            )
        translation_ensure(
            page,
            en,
            slug=section.slugs["en"],
            title=section.titles["en"],
            report=report,
            **{name: value["en"] for name, value in values.items()},
        )
        pages[section.key] = page
    return PageTree(home=home, site=site, pages=pages)


def borough_pages_ensure(*, tree: PageTree, report: SetupReport):
    """A page in both languages for every borough that has none, below the boroughs page."""
    index = tree.pages["boroughs"]
    en = Locale.objects.get(language_code="en")
    for borough in Owner.objects.filter(kind=Owner.Kind.BOROUGH):
        page = BoroughPage.objects.filter(borough=borough, locale=index.locale_id).first()
        if page is None:
            page = child_page_ensure(
                index,
                BoroughPage,
                slug=borough.slug,
                title=borough.name_de,
                borough=borough,
                report=report,
            )
        translation_ensure(page, en, slug=borough.slug, title=borough.name_en, report=report)


def easy_language_pages_ensure(*, tree: PageTree, topics: tuple[EasyTopic, ...], report):
    """Below the easy-language page, a page in easy language for each topic (what city
    partnerships are, the partner cities, how to take part, contact, how to use the site),
    in both languages. A topic's page is found by its type and slug; one the office deleted
    is made again, one it changed is kept as it is."""
    parent = tree.pages["easy_language"]
    en = Locale.objects.get(language_code="en")
    for topic in topics:
        page = child_page_ensure(
            parent,
            EasyLanguagePage,
            slug=topic.slugs["de"],
            title=topic.titles["de"],
            body=topic.body["de"],
            shows=topic.shows,
            report=report,
        )
        if parent.get_translation_or_none(en) is None:
            continue  # the English version has nowhere to go
        translation_ensure(
            page,
            en,
            slug=topic.slugs["en"],
            title=topic.titles["en"],
            body=topic.body["en"],
            report=report,
        )


# --- the office --------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfficeData:
    """The office that runs the site, as its contact block shows it."""

    name_de: str
    name_en: str
    unit_de: str = ""
    unit_en: str = ""
    street: str = ""
    postcode: str = ""
    town_de: str = ""
    town_en: str = ""
    phone: str = ""
    fax: str = ""
    email: str = ""


@dataclass(frozen=True)
class HomeCityData:
    """The office's own city: names, place, time zone, and its GeoNames id where known."""

    name_de: str
    name_en: str
    country_code: str
    latitude: float
    longitude: float
    time_zone: str
    geonames_id: int | None = None


@dataclass(frozen=True)
class OwnerData:
    """The state or a borough, as it will own records."""

    slug: str
    name_de: str
    name_en: str


@dataclass(frozen=True)
class AdminData:
    """The first administrator: all rights, the office settings too."""

    email: str
    password: str


def home_city_find(
    *, name: str = "", country_code: str = "", geonames_id: int | None = None
) -> dict | None:
    """The home city in the GeoNames data shipped with the code (no network): by id, or by
    its name in a country; name, country, latitude, longitude, time zone and id, or None."""
    if geonames_id:
        return geonames.by_id(geonames_id)
    if name and country_code:
        return geonames.find([name], country_code.upper())
    return None


def office_settings_ensure(
    *, site: Site, values: Mapping[str, object], footer: Mapping[str, Page], report: SetupReport
):
    """Fill the empty fields of the site's office settings from `values` and the empty footer
    links with `footer`'s pages; a field that holds something else is kept (and named)."""
    office = OfficeSettings.for_site(site)
    changed = False
    for name, value in values.items():
        current = getattr(office, name)
        if current in ("", None):
            if value not in ("", None):
                setattr(office, name, value)
                changed = True
        elif value not in ("", None) and current != value:
            report.kept.append(str(OfficeSettings._meta.get_field(name).verbose_name))
    for key, page in footer.items():
        if getattr(office, f"{key}_page_id") is None:
            setattr(office, f"{key}_page", page)
            changed = True
    if changed:
        office.full_clean()
        office.save()
        report.count("settings")
    return office


def _home_city_record_ensure(city: HomeCityData, report: SetupReport) -> City:
    """The home city as a City too, so that the office's own institutions can name it."""
    found = None
    if city.geonames_id:
        found = City.objects.filter(geonames_id=city.geonames_id).first()
    if found is None:
        found = City.objects.filter(
            name_en=city.name_en, country_code=city.country_code.upper()
        ).first()
    if found is not None:
        return found
    created = city_create(
        name_en=city.name_en,
        name_de=city.name_de,
        country_code=city.country_code,
        latitude=f"{city.latitude:.4f}",
        longitude=f"{city.longitude:.4f}",
        geonames_id=city.geonames_id,
    )
    report.count("cities")
    return created


def _owners_ensure(state: OwnerData, boroughs, report: SetupReport):
    existing = Owner.objects.filter(kind=Owner.Kind.STATE).first()
    if existing is not None and existing.slug != state.slug:
        report.kept.append(_("the state owner “%(slug)s”") % {"slug": existing.slug})
    else:
        _owner, created = owner_ensure(
            slug=state.slug, kind=Owner.Kind.STATE, name_de=state.name_de, name_en=state.name_en
        )
        report.count("owners", created)
    for order, borough in enumerate(boroughs, start=1):
        _owner, created = owner_ensure(
            slug=borough.slug,
            kind=Owner.Kind.BOROUGH,
            name_de=borough.name_de,
            name_en=borough.name_en,
            sort_order=order,
        )
        report.count("owners", created)


def _admin_ensure(admin: AdminData, report: SetupReport):
    User = get_user_model()
    email = User.objects.normalize_email(admin.email.strip())
    if User.objects.filter(username__iexact=email).exists():
        return  # kept as it is, its password too
    account_create(email=email, password=admin.password, superuser=True)
    report.count("administrators")


# --- checks and the whole setup ----------------------------------------------------------------
def site_setup_errors(
    *, office: OfficeData, city: HomeCityData, state: OwnerData, boroughs, admin
) -> list[str]:
    """What is wrong with the input, in the active language; empty if nothing."""
    errors = []
    if not office.name_de.strip() or not office.name_en.strip():
        errors.append(_("The office needs a name in German and in English."))
    if office.email:
        try:
            validate_email(office.email)
        except ValidationError:
            errors.append(_("“%(email)s” is not a valid e-mail address.") % {"email": office.email})
    if not city.name_de.strip() or not city.name_en.strip():
        errors.append(_("The home city needs a name in German and in English."))
    try:
        validate_country_code(city.country_code.upper())
    except ValidationError as error:
        errors.extend(error.messages)
    if not (-90 <= city.latitude <= 90 and -180 <= city.longitude <= 180):
        errors.append(
            _(
                "The home city's latitude lies between -90 and 90, its longitude between "
                "-180 and 180."
            )
        )
    if city.time_zone not in zoneinfo.available_timezones():
        errors.append(
            _("“%(zone)s” is not a time zone name such as Europe/Lisbon.")
            % {"zone": city.time_zone}
        )
    slugs = [state.slug, *(b.slug for b in boroughs)]
    for owner in [state, *boroughs]:
        if not owner.slug or slugify(owner.slug) != owner.slug:
            errors.append(
                _("“%(slug)s” is not a slug: use lower-case letters, digits and hyphens.")
                % {"slug": owner.slug}
            )
        if not owner.name_de.strip() or not owner.name_en.strip():
            errors.append(
                _("The owner “%(slug)s” needs a name in German and in English.")
                % {"slug": owner.slug}
            )
    doubled = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if doubled:
        errors.append(
            _("Each owner needs its own slug: %(slugs)s.") % {"slugs": ", ".join(doubled)}
        )
    if admin is not None:
        try:
            validate_email(admin.email.strip())
        except ValidationError:
            errors.append(_("“%(email)s” is not a valid e-mail address.") % {"email": admin.email})
    return errors


@transaction.atomic
def site_setup(
    *,
    office: OfficeData,
    city: HomeCityData,
    state: OwnerData,
    boroughs: tuple[OwnerData, ...] = (),
    admin: AdminData | None = None,
) -> SetupReport:
    """Everything an office needs before its own data: all or nothing, idempotent."""
    errors = site_setup_errors(
        office=office, city=city, state=state, boroughs=boroughs, admin=admin
    )
    if errors:
        raise ValidationError(errors)
    report = SetupReport()
    _owners_ensure(state, boroughs, report)
    _home_city_record_ensure(city, report)
    tree = page_tree_ensure(
        home_titles=home_titles(city), texts=neutral_texts(office=office, city=city), report=report
    )
    borough_pages_ensure(tree=tree, report=report)
    easy_language_pages_ensure(tree=tree, topics=easy_language_topics(city=city), report=report)
    roles_sync()  # the groups, each borough's page rights and the review workflow
    values = {
        **asdict(office),
        "home_city_name_de": city.name_de,
        "home_city_name_en": city.name_en,
        "home_city_latitude": city.latitude,
        "home_city_longitude": city.longitude,
        "home_city_time_zone": city.time_zone,
    }
    office_settings_ensure(site=tree.site, values=values, footer=tree.footer, report=report)
    if admin is not None:
        _admin_ensure(admin, report)
    return report


def site_content_counts() -> dict[str, int]:
    """How many pages and records the site holds beyond Wagtail's root and welcome page."""
    plain = ContentType.objects.get_for_model(Page)
    return {
        "pages": Page.objects.filter(depth__gt=1).exclude(content_type=plain).count(),
        "owners": Owner.objects.count(),
        "cities": City.objects.count(),
        "partnerships": Partnership.objects.count(),
        "focus areas": FocusArea.objects.count(),
        "kinds of activity": ActivityKind.objects.count(),
        "activities": Activity.objects.count(),
        "projects": Project.objects.count(),
        "organisations": Organisation.objects.count(),
        "contact people": ContactPerson.objects.count(),
    }
