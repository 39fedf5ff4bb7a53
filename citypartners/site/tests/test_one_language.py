"""One language at a time (issue 14, item 6): every back-office screen, for an account whose
language is German and for one whose language is English, shows no label of the other
language.

The screens are generated, not listed: every back-office URL from the URL configuration
(``accounts/tests/matrix.py``, as the permission matrix asks them: each snippet viewset's
list, add, edit, history, usage, delete, chooser and its results, a route that names a model
once per model), filled with the permission matrix's records, with the add and edit form of
every page type, a search in every list and chooser, and the CSV export of every list that
has one. A URL that the walk cannot ask is listed with its reason (the permission matrix's
SKIP and UNFILLED, and NOT_A_SCREEN here); a new URL is walked, or the test fails because it
has no value for a parameter or does not open. Previews of public pages (PUBLIC_PREVIEWS) show
the page's own language; labels that Wagtail translates when it imports them (IMPORT_TIME)
are printed, not failed on: no catalogue can change them.

What counts as the other language is ``one_language.Catalogues.foreign``: in German, an
English catalogue string that German shows otherwise (or that no catalogue translates), or a
German frame around such a string ("Auswählen owner"); in English, a German catalogue string
or a record's German name where its English name differs.
"""

import re

import pytest
from django.db import models
from django.http import HttpResponse
from django.test import Client
from wagtail.models import Page, get_page_models
from wagtail.users.models import UserProfile

from citypartners.accounts.tests.matrix import fill, matrix_urls
from citypartners.accounts.tests.test_permission_matrix import (  # noqa: F401 (a fixture)
    SKIP,
    UNFILLED,
    _query,
    _values,
    records,
)
from citypartners.site.models import HomePage

from .one_language import SAME_IN_BOTH, Catalogues, javascript_catalogue, labels, normal

pytestmark = pytest.mark.django_db

# URLs that answer no screen of their own to a GET, each with the reason. (URLs the permission
# matrix does not ask, SKIP and UNFILLED, are not walked for the reasons given there.)
NOT_A_SCREEN = {
    "wagtailadmin_logout": "ends the session; it shows nothing",
    "wagtailadmin_sprite": "the icons (SVG), no text",
    "wagtailadmin_dismissibles": "an API that stores which hints were closed",
    "wagtailadmin_editing_sessions:ping": "needs a live editing session",
    "wagtailadmin_editing_sessions:release": "needs a live editing session",
    r"wagtailsnippetchoosers_.*:create": "no snippet chooser has a creation form (404)",
    "wagtail_2fa_device_update": "another account's device; the walking account has none",
}


# Screens that show the public page or record as the public sees it, in its own language
# (content, not the back office): their labels are the public site's, in the page's language.
PUBLIC_PREVIEWS = r".*:(revisions_view|view_draft|preview_on_add|preview_on_edit|workflow_preview)"


# Labels that Wagtail translates once, when it imports the module that defines them (gettext
# where gettext_lazy is needed), so each process shows them in the language it started in
# (German): nothing the project's catalogues can change. (screen, labels) -> where in Wagtail.
IMPORT_TIME = [
    (
        r"wagtailusers_groups:(edit|add)",
        {
            "Sammlung",
            "Hinzufügen",
            "Bearbeiten",
            "Löschen",
            "Auswählen",
            "Hinzufügen/Bearbeiten von Bildern, die Sie besitzen.",
            "Jedes Bild bearbeiten",
            "Wähle Bilder im Chooser aus",
            "Sammlungen hinzufügen",
            "Sammlungen bearbeiten",
            "Sammlungen löschen",
        },
        "the group permission formsets: wagtail/admin/forms/collections.py, images/forms.py",
    ),
    (r"wagtail(images|docs)_chooser:choose", {"Suche"}, "the chooser's tabs: admin/views/generic"),
    (
        r"wagtailimages_chooser:select_format",
        {"Alternativtext", "Bild ist dekorativ"},
        "wagtail/images/forms.py's ImageInsertionForm",
    ),
    (
        r"wagtailredirects:index",
        {"Typ", "Alle", "Temporär"},
        "wagtail/contrib/redirects/filters.py",
    ),
]


# The JavaScript catalogues the back office loads, and the package whose strings each serves.
# In German, a string that package's JavaScript asks for and the catalogue lacks shows English.
JAVASCRIPT_CATALOGUES = {
    "wagtailadmin_javascript_catalog": "wagtail/admin",
    "wagtail_localize:javascript_catalog": "wagtail_localize",
}


def _javascript_findings(name, path, response, catalogues):
    served = javascript_catalogue(response)
    return [
        f"{name} {path}\n    JavaScript string without German: {msgid!r}"
        for msgid in sorted(catalogues.javascript_msgids(JAVASCRIPT_CATALOGUES[name]))
        if msgid not in served and normal(msgid) in catalogues.english_only
    ]


def _import_time(name, text):
    return any(re.fullmatch(screen, name) and text in texts for screen, texts, _ in IMPORT_TIME)


def _not_a_screen(name):
    return any(re.fullmatch(pattern, name) for pattern in NOT_A_SCREEN)


def _account(django_user_model, language):
    user = django_user_model.objects.create_superuser(
        f"walker-{language}@example.org", f"walker-{language}@example.org", "x" * 20
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    # The browser's language too: the screens before logging in (password reset) follow it.
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(user)
    return client


def _page_forms():
    """(name, path) of the add form under a page it may be added to and the edit form of a
    page of each page type; the page types that have none, with the reason."""
    # A second home page under the root: below it, the page types the site holds once per
    # parent (sections, the accessibility page) may be added again.
    root = Page.get_first_root_node()
    root.add_child(instance=HomePage(title="Beispiel", slug="example-home", live=False))
    pages = list(Page.objects.specific())
    forms, missing = [], []
    for model in get_page_models():
        if model is Page:
            continue
        label = model._meta.label_lower
        parent = next((p for p in pages if model.can_create_at(p)), None)
        if parent is None:
            missing.append(f"{label}: no page where it may be added")
        else:
            app, name = label.split(".")
            forms.append((f"add[{label}]", f"/admin/pages/add/{app}/{name}/{parent.pk}/"))
        page = next((p for p in pages if type(p) is model), None)
        if page is None:
            missing.append(f"{label}: no page of this type in the small site")
        else:
            forms.append((f"edit[{label}]", f"/admin/pages/{page.pk}/edit/"))
    return forms, missing


def _screens(made):
    """(name, path) of every screen to walk, on the permission matrix's records ``made``."""
    screens = []
    for url in sorted(matrix_urls(), key=lambda u: (u.route, u.name)):
        if url.name in SKIP or url.route in SKIP or _not_a_screen(url.name):
            continue
        if re.fullmatch(PUBLIC_PREVIEWS, url.name):
            continue
        values = _values(url, made, "own")
        if values is None:  # a parameter in UNFILLED: needs what the walk does not create
            continue
        path = fill(url.route, values) + _query(url, made, "own")
        if url.view == "find":  # the admin API's lookup by id, as the permission matrix asks it
            kind = url.namespace.rsplit(":", 1)[-1]
            record = {"pages": "page", "images": "image", "documents": "document"}[kind]
            path += f"?id={made[record].pk}"
        screens.append((url.name, path))
        if url.view in ("list_results", "choose_results", "index_results"):
            screens.append((f"{url.name} (search)", f"{path}?q=a"))
        if url.view == "list":
            screens.append((f"{url.name} (export)", f"{path}?export=csv"))
    forms, missing = _page_forms()
    assert not missing, "Page types without an add or edit form to walk: " + "; ".join(missing)
    return screens + forms


def _names():
    """Record names and other user data: what a screen shows of the records is no label."""
    found = set()
    for model in (m for m in _models() if not m._meta.proxy):
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField) and not f.choices and f.name != "password"
        ]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            found.update(normal(str(value)) for value in row if value)
        if model.__str__ is not models.Model.__str__:
            found.update(normal(str(record)) for record in model.objects.all()[:500])
    return found


def _models():
    from django.apps import apps  # noqa: PLC0415 (after the app registry is ready)

    return apps.get_models()


def _german_names():
    """Records' German names (``<field>_de``) whose English name (``<field>_en``) differs:
    in the English back office they are the other language."""
    found = set()
    for model in _models():
        pairs = [
            f.name[:-3]
            for f in model._meta.concrete_fields
            if f.name.endswith("_de") and isinstance(f, models.CharField)
        ]
        for base in pairs:
            try:
                model._meta.get_field(f"{base}_en")
            except Exception:  # noqa: BLE001 (no English pair)
                continue
            for de, en in model.objects.values_list(f"{base}_de", f"{base}_en"):
                if de and en and normal(de) != normal(en):
                    found.add(normal(de))
    return found


def _walk(client, screens, catalogues, language, german_names=frozenset()):
    findings, failures, known = [], [], []
    for name, path in screens:
        response = client.get(path)
        if response.status_code in (301, 302, 405):
            continue  # a redirect, or an action that takes only POST: no screen of its own
        if response.status_code != 200:
            failures.append(f"{name} {path}: {response.status_code}")
            continue
        if name in JAVASCRIPT_CATALOGUES and language == "de":
            findings.extend(_javascript_findings(name, path, response, catalogues))
        for where, text in labels(response):
            text = normal(text)
            reason = catalogues.foreign(text, language)
            if reason is None and language == "en" and text in german_names:
                reason = "a record's German name"
            if reason and _import_time(name, text):
                known.append(f"{name}: {text!r}")
            elif reason:
                findings.append(f"{name} {path}\n    {where}: {text!r} ({reason})")
    if known:
        print("Wagtail's labels translated when imported:", *sorted(set(known)), sep="\n  ")
    return findings, failures


def _report(findings, failures):
    unique = list(dict.fromkeys(findings))
    return "\n".join(
        [f"{len(failures)} screens did not open:", *failures]
        + [f"{len(unique)} labels in the other language:", *unique]
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_back_office_screen_speaks_one_language(language, request, django_user_model):
    client = _account(django_user_model, language)
    screens = _screens(request.getfixturevalue("records"))  # the permission matrix's records
    catalogues = Catalogues(_names())
    german_names = _german_names() - catalogues.names if language == "en" else frozenset()
    findings, failures = _walk(client, screens, catalogues, language, german_names)
    assert not findings and not failures, _report(findings, failures)


def test_a_label_of_the_other_language_is_found():
    """The check itself: it finds a whole label, a frame with an untranslated part, and leaves
    names and the words the same in both languages alone."""
    catalogues = Catalogues({"Warschau", "Example"})
    assert catalogues.foreign("Choose a page", "de")  # Wagtail's English
    assert catalogues.foreign("Seite auswählen", "en")  # its German
    assert catalogues.foreign("Title", "de")  # a column header
    assert catalogues.foreign("Locale", "de")  # Wagtail's German catalogue keeps it English
    assert catalogues.foreign("Auswählen owner", "de")  # a translated and an untranslated part
    assert catalogues.foreign("Choose owner", "de")  # an English frame around a name
    assert catalogues.foreign("Träger auswählen", "en")  # the German chooser title
    assert catalogues.foreign("None", "de")  # Python's word for an empty value
    assert catalogues.foreign("Status", "de") is None  # the same word in German
    assert catalogues.foreign("Status", "en") is None
    assert catalogues.foreign("Warschau", "en") is None  # a record's name
    assert catalogues.foreign("Example", "de") is None


def test_every_word_allowed_in_both_languages_is_needed():
    catalogues = Catalogues(set())
    german = catalogues.german_strings - catalogues._all_english
    unneeded = [word for word in SAME_IN_BOTH if word not in set(catalogues.english) | german]
    assert not unneeded, f"SAME_IN_BOTH allows words neither language has alone: {unneeded}"


def test_every_url_the_walk_leaves_out_has_a_reason():
    names = {url.name for url in matrix_urls()} | {url.route for url in matrix_urls()}
    stale = [key for key in NOT_A_SCREEN if not any(re.fullmatch(key, n) for n in names)]
    assert not stale, f"NOT_A_SCREEN names URLs that no longer exist: {stale}"
    assert set(UNFILLED) and all(re.match(r"\w+$", p) for p in UNFILLED)
    catalogues = {url.name for url in matrix_urls() if url.name.endswith("javascript_catalog")}
    assert catalogues == set(JAVASCRIPT_CATALOGUES), "a JavaScript catalogue without its package"


def test_a_javascript_string_that_the_served_catalogue_lacks_is_found():
    empty = HttpResponse("const newcatalog = {};\n", content_type="text/javascript")
    found = _javascript_findings("wagtailadmin_javascript_catalog", "/", empty, Catalogues(set()))
    assert any("JavaScript string without German" in finding for finding in found)
