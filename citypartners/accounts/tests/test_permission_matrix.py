"""The permission matrix: every back-office URL for every role, against its own records and
another owner's, and what each response shows.

The URLs come from the URL configuration (``matrix.matrix_urls``; a route that names a model,
such as Wagtail's bulk actions and wagtail-localize's snippet API, once for every model and
action), so a new screen fails this test until it is given a row in RULES (or, if it cannot
be requested on its own, in SKIP).

Besides the status, every response body (HTML or JSON, also of refused requests) is searched
for SECRETS: a contact person without public consent, a proposal's and a feedback message's
sender, another owner's draft, a draft change of a published record and an unpublished page.
FORBIDDEN says which of them each role must never see; the records that carry them are linked
to the records every role may open, so that a screen which shows a linked record's name shows
them too.
"""

import io
import os
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.http import urlencode
from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as PILImage
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.log_actions import log
from wagtail.models import Collection, Locale, Page, Site, Task, Workflow

from citypartners.accounts.roles import ROLES
from citypartners.accounts.services import account_create
from citypartners.activities.tests.factories import ActivityFactory
from citypartners.contacts.models import ContactPerson
from citypartners.funding.services import budget_line_create
from citypartners.mail.models import OutboxMessage
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, FocusArea, Partnership
from citypartners.projects.models import Project, Proposal
from citypartners.site.models import AccessibilityFeedback, StandardPage

from .matrix import admin_urls, fill, matrix_urls

pytestmark = pytest.mark.django_db

PASSWORD = "a long and careful passphrase"
SE, SM, BE, CS, RV = ROLE_ORDER = tuple(
    ROLES
)  # state editor, moderator, borough, steward, reviewer
ALL = set(ROLE_ORDER)
STATE_STAFF = {SE, SM}
CONTENT = {SE, SM, BE}

# Who may open a screen. For screens on one owned record, a second set says who may open it
# on another owner's record; only borough editors (of Mitte) are ever not the owner.
# name pattern (regex on "namespace:view") -> (allowed on own/no record, allowed on other's)
OWNED = (
    r"wagtailsnippets_(partnerships_partnership|activities_activity|projects_project"
    r"|organisations_organisation|funding_budgetline)"
)
REFERENCE = (
    r"wagtailsnippets_(partnerships_city|owners_owner|partnerships_focusarea"
    r"|activities_activitykind)"
)
PUBLIC = r"^wagtailadmin_(login|password_reset.*|sprite|javascript_catalog)$"

# What no response may show to a role that must not see it. Each string is planted in the
# records fixture, in a record linked to the records that every role may open.
SECRETS = {
    "contact name": "Example Secret-Contact",  # a contact person without public consent
    "contact e-mail": "secret-contact@example.net",
    "contact phone": "5550199",
    "proposal sender": "Example Secret-Proposer",
    "proposal e-mail": "secret-proposer@example.net",
    "feedback sender": "Example Secret-Feedback",
    "feedback e-mail": "secret-feedback@example.net",
    "state draft": "Secret-Draft-Activity",  # the state's activity never published
    "state draft change": "Secret-Draft-Change",  # unpublished change of a published activity
    "unpublished page": "Secret-Unpublished-Page",
    "state internal money": "Secret-Internal-Money",  # a state's budget line not public
}
CONTACT_DATA = ("contact name", "contact e-mail", "contact phone")
SENDERS = ("proposal sender", "proposal e-mail", "feedback sender", "feedback e-mail")
STATE_DRAFTS = ("state draft", "state draft change")
MONEY = ("state internal money",)
FORBIDDEN = {
    # Contact people only for stewards; senders only for the state's staff; another
    # owner's drafts only for state accounts; unpublished pages only for page editors.
    SE: CONTACT_DATA,
    SM: CONTACT_DATA,
    # Money is internal: another owner's lines only where public.
    BE: (*CONTACT_DATA, *SENDERS, *STATE_DRAFTS, "unpublished page", *MONEY),
    CS: (*SENDERS, "unpublished page", *MONEY),
    RV: (*CONTACT_DATA, *SENDERS, "unpublished page"),
}
# What each role's screens do show somewhere, so that the secrets are really there to leak.
SHOWN = {
    SE: (*SENDERS, *STATE_DRAFTS, "unpublished page", *MONEY),
    SM: (*SENDERS, *STATE_DRAFTS, "unpublished page", *MONEY),
    BE: (),
    CS: CONTACT_DATA,
    RV: (*STATE_DRAFTS, *MONEY),
}

RULES = [
    # Anyone, also before logging in.
    (PUBLIC, ALL, None),
    # Every back-office account.
    (r"wagtailadmin_(home|account|logout|dismissibles|tag_autocomplete|block_preview)$", ALL, None),
    (r"wagtailadmin_choose_page_(external|email|phone|anchor)_link$", ALL, None),
    (r"wagtailadmin_tag_model_autocomplete$", ALL, None),
    (r"wagtail_localize:javascript_catalog$", ALL, None),
    (r"wagtailembeds:chooser(_upload)?$", ALL, None),
    (r"geonames_lookup$", ALL, None),  # public GeoNames data, for the city form
    (r"handbook(_job)?$", ALL, None),  # the editors' handbook (site.handbook)
    # Two-factor devices: one's own (set up, log in); another account's never (the
    # parameters below name the superuser's device).
    (r"wagtail_2fa_(auth|device_new|device_qrcode)$", ALL, None),
    (
        r"wagtail_2fa_device_(list|update|remove)$",
        set(),
        None,
    ),  # public GeoNames data, for the city form
    (r"wagtailsnippets:index$", set(), None),  # all snippets have menus; it goes to the dashboard
    # No snippet chooser has a creation form, so none creates records (core.middleware's
    # ChooserInputMiddleware answers 404 instead of Wagtail's 500 on a POST).
    (r"wagtailsnippetchoosers_.*:create$", set(), None),
    # Records with an owner.
    (OWNED + r":(list|list_results|choose|choose_results)$", {SE, SM, BE, RV}, None),
    (
        r"wagtailsnippetchoosers_(partnerships_partnership|activities_activity|projects_project"
        r"|organisations_organisation|funding_budgetline):(choose|choose_results"
        r"|chosen_multiple)$",
        {SE, SM, BE, RV},
        None,
    ),
    (
        r"wagtailsnippetchoosers_(partnerships_partnership|activities_activity|projects_project"
        r"|organisations_organisation|funding_budgetline):chosen$",
        {SE, SM, BE, RV},
        {SE, SM, BE, RV},
    ),
    (OWNED + r":(add|preview_on_add)$", CONTENT, None),
    (
        OWNED + r":inspect$",  # the read-only view: reviewers, and others' published records
        {SE, SM, BE, RV},
        {SE, SM, BE, RV},
    ),
    (OWNED + r":(history|history_results|usage)$", CONTENT, CONTENT),
    # Revisions show drafts: another owner's only to the state's staff (a borough's editors
    # see the published version of the state's records, not what the state has not published).
    (OWNED + r":(revisions_view|revisions_compare)$", CONTENT, STATE_STAFF),
    # Publishing rights: moderators, and borough editors for their own borough.
    (OWNED + r":(unpublish|revisions_unschedule)$", {SM, BE}, {SM}),
    (
        OWNED + r":(edit|delete|copy|preview_on_edit|lock|unlock|revisions_revert)$",
        CONTENT,
        STATE_STAFF,
    ),
    # Review (the office's workflow): whoever may change a record cancels its review and reads
    # its review history; the task's actions (approve, reject) are asked about a task in
    # progress (UNFILLED; accounts/tests/test_review.py tries them).
    (OWNED + r":(workflow_history|confirm_workflow_cancellation)$", CONTENT, STATE_STAFF),
    (
        OWNED + r":(workflow_action|collect_workflow_action_data|workflow_preview"
        r"|workflow_history_detail)$",
        {SM},
        {SM},
    ),
    (r"partnership_network$", {SE, SM, BE, RV}, {SE, SM, BE, RV}),
    # A dashboard section's whole list (asked for the drafts of activities): whoever may
    # change activities; each sees his own owner's only (the secrets above).
    (r"citypartners_dashboard_section$", {SE, SM, BE}, None),
    # The partnership report: whoever sees partnerships and keeps records (a borough's
    # editors on their own borough's only; the secrets above hold for the report too).
    (r"reports_partnership$", {SE, SM, BE, RV}, None),
    # The annual report: the same, over one calendar year (a borough's own records only).
    (r"reports_annual$", {SE, SM, BE, RV}, None),
    # Imports write records of any owner: the state's staff.
    (r"opendata_import$", STATE_STAFF, None),
    # A new partner city: who adds partnerships and cities (a borough's editors for their own).
    (r"citypartners_new_partner_city$", {SE, SM, BE}, None),
    # Shared reference data: state staff keep it, borough editors may add a city.
    (REFERENCE + r":(list|list_results)$", {SE, SM, BE, RV}, None),
    (
        r"wagtailsnippetchoosers_(partnerships_city|owners_owner|partnerships_focusarea"
        r"|activities_activitykind):.*$",
        {SE, SM, BE, RV},
        None,
    ),
    (r"wagtailsnippets_partnerships_city:(add|preview_on_add)$", CONTENT, None),
    # Cities have drafts and review. The city asked about was added by the state: a
    # borough's editors change only the cities their borough added, until another owner uses
    # one (test_city_rights.py), and see its revisions as they see its history.
    (r"wagtailsnippets_partnerships_city:(revisions_view|revisions_compare)$", CONTENT, None),
    (
        r"wagtailsnippets_partnerships_city:(preview_on_edit|revisions_revert|lock|unlock"
        r"|workflow_history|confirm_workflow_cancellation)$",
        STATE_STAFF,
        None,
    ),
    (r"wagtailsnippets_partnerships_city:(unpublish|revisions_unschedule)$", {SM}, None),
    (
        r"wagtailsnippets_partnerships_city:(workflow_action|collect_workflow_action_data"
        r"|workflow_preview|workflow_history_detail)$",
        {SM},
        None,
    ),
    (REFERENCE + r":(add)$", STATE_STAFF, None),
    (r"wagtailsnippets_partnerships_city:(copy|history|history_results|usage)$", CONTENT, None),
    (REFERENCE + r":(history|history_results|usage|edit|delete|copy)$", STATE_STAFF, None),
    # The proposal inbox: the state's office.
    (r"wagtailsnippet(s|choosers)_projects_proposal:.*$", STATE_STAFF, None),
    # The accessibility feedback inbox (names, addresses): the state's office. Messages come
    # only through the public form, so nobody adds or copies one here.
    (r"wagtailsnippet(s|choosers)_site_accessibilityfeedback:(add|create|copy)$", set(), None),
    (r"wagtailsnippet(s|choosers)_site_accessibilityfeedback:.*$", STATE_STAFF, None),
    # Outgoing mail (addresses of the public, reset links): the state's office reads the
    # delivery record and sends a failed e-mail again; nobody adds, edits or deletes one.
    (r"^outgoing_mail:(index|index_results|inspect|resend)$", STATE_STAFF, None),
    # Contact people: stewards only.
    (r"wagtailsnippet(s|choosers)_contacts_contactperson:.*$", {CS}, None),
    (r"contacts_(export|erase|retention)$", {CS}, None),
    # The office's settings.
    (r"wagtailsettings:(edit|preview_on_edit)$", STATE_STAFF, None),
    # Pages, their reports and forms: state staff; a borough's editors have rights on their
    # borough's page and below (test_borough_rights.py), so Wagtail's explorer, page search
    # and bulk actions open to them, showing and changing only those pages, and no report
    # over the whole tree (middleware.WHOLE_TREE_VIEWS).
    (
        r"wagtailadmin_(explore_root|explore|explore_results|pages:(choose_parent|search"
        r"|search_results|type_use|type_use_results|confirm_workflow_cancellation"
        r"|revisions_index))$",
        CONTENT,
        None,
    ),
    # Deleting, moving and unpublishing a live page, and its privacy, need publishing rights.
    (
        r"wagtailadmin_pages:(delete|unpublish|move|move_confirm|set_page_position|set_privacy"
        r"|revisions_unschedule)$",
        {SM},
        None,
    ),
    (r"wagtailadmin_pages:.*$", STATE_STAFF, None),
    # Whoever writes text may link to pages.
    (r"wagtailadmin_choose_page(_child|_search|_chosen_multiple)?$", CONTENT, None),
    (r"wagtailadmin_api:pages:listing$", CONTENT, None),
    (r"wagtailadmin_api:pages:.*$", STATE_STAFF, None),
    (
        r"wagtailadmin_reports:(locked_pages|aging_pages|page_types_usage|workflow|workflow_tasks)"
        r"(_results)?$",
        STATE_STAFF,
        None,
    ),
    (r"wagtailforms:.*$", STATE_STAFF, None),
    # wagtail-localize's snippet API lists a model's records by name: not contact people to
    # the state's staff, who may not see them (stewards use no page tools).
    (r"wagtail_localize:snippets_api_(listing|detail)\[contacts\.contactperson\]$", set(), None),
    (r"wagtail_localize:.*$", STATE_STAFF, None),
    # The audit log.
    (r"wagtailadmin_reports:site_history(_results)?$", {SM}, None),
    (r"admin/reports/site-history/(results/)?$", {SM}, None),
    # Images and documents: whoever writes content; changing another's upload needs more.
    (
        r"wagtail(images|docs)(_chooser)?:(index|index_results|add|add_multiple|chooser|choose"
        r"|choose_results|create|chooser_upload|chosen|chosen_multiple)$",
        CONTENT,
        None,
    ),
    (r"wagtailadmin_api:(images|documents):.*$", CONTENT, None),
    (r"wagtailimages_chooser:select_format$", CONTENT, None),
    (
        r"wagtail(images|docs):(create_multiple_from_uploaded_(image|document)|delete_upload_multiple)$",
        CONTENT,
        None,
    ),
    (
        r"wagtail(images|docs):(edit|delete|image_usage|document_usage|url_generator"
        r"|url_generator_output|preview|edit_multiple|delete_multiple)$",
        STATE_STAFF,
        None,
    ),
    # Only superusers (none of the roles): accounts, sites, languages, workflows, redirects.
    (r"wagtailusers_(users|groups):.*$", set(), None),
    (r"wagtail(sites|locales|redirects):.*$", set(), None),
    (r"wagtailadmin_(workflows|collections):.*$", set(), None),
    # Bulk actions name the chosen records on their confirmation page: only for those who may
    # see the model (the page lists only the records they may see; Wagtail asked nothing).
    (r"^wagtail_bulk_action\[contacts\.contactperson:", {CS}, None),
    (r"^wagtail_bulk_action\[(projects\.proposal|site\.accessibilityfeedback):", STATE_STAFF, None),
    (
        r"^wagtail_bulk_action\[(partnerships|activities|projects|organisations|owners|funding)\.",
        {SE, SM, BE, RV},
        None,
    ),
    (r"^wagtail_bulk_action\[wagtailcore\.page:", CONTENT, None),
    (r"^wagtail_bulk_action\[wagtail(images\.image|docs\.document):", CONTENT, None),
    (r"^wagtail_bulk_action\[auth\.user:", set(), None),
]

# URLs not requested on their own, each with the reason.
SKIP = {
    "admin/test404/": "Wagtail's test page for the 404 template",
    "admin/^.*/$": "catch-all that answers 404",
    "wagtailadmin_error_test": "raises an error on purpose",
    "wagtailadmin_editing_sessions:ping": "needs a live editing session; the edit view opens one",
    "wagtailadmin_editing_sessions:release": "needs a live editing session",
    "wagtailadmin_password_reset_confirm": "needs a token from a reset e-mail",
    "wagtailadmin_block_preview": "needs a StreamField block; the site has none",
    "wagtailsettings:preview_on_edit": "only shows what the edit form posts to it",
    "wagtailadmin_pages:convert_alias": "needs an alias page; the site has none",
    "wagtail_localize:convert_to_alias": "needs an alias page; the site has none",
    "wagtail_localize:submit_page_translation": "every page exists in both languages already",
    "wagtail_localize:submit_snippet_translation": "no snippet here is translatable",
    "wagtailforms:list_submissions": "needs a form page; the site has none",
    "wagtailforms:list_submissions_results": "needs a form page; the site has none",
    "wagtailforms:delete_submissions": "needs a form page; the site has none",
    "wagtailimages:url_generator": "the dynamic image serve view is not enabled",
    "wagtailimages:url_generator_output": "the dynamic image serve view is not enabled",
}
# Parameters that name things these tests do not create; URLs that need them are not requested.
UNFILLED = {
    "task_state_id": "needs a workflow in progress (we use no page workflows)",
    "workflow_state_id": "needs a workflow in progress (we use no page workflows)",
    "task_id": "needs a workflow in progress (we use no page workflows)",
    "action_name": "needs a workflow in progress (we use no page workflows)",
    "translation_id": "needs a wagtail-localize translation job",
    "translation_source_id": "needs a wagtail-localize translation job",
    "uploaded_file_id": "needs an upload in progress",
    "session_id": "needs a live editing session",
    "object_id": "needs a live editing session",
    "string_segment_id": "needs a wagtail-localize translation job",
    "overridable_segment_id": "needs a wagtail-localize translation job",
    "token": "needs a token from a reset e-mail",
}

# Our own back-office URLs on one record, and the record's model.
CUSTOM_URL_MODELS = {
    "partnership_network": "partnerships_partnership",
    "contacts_export": "contacts_contactperson",
    "contacts_erase": "contacts_contactperson",
}

ROUTE_PARAMS = {
    "revision_id_a": "earliest",
    "revision_id_b": "latest",
    "filter_spec": "original",
    "mode": "",
    "action": "delete",
    "key": "activity-drafts",
    "slug": "review",  # a job of the editors' handbook
}


def _tiny_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def records(django_user_model):
    """Records of Mitte (the borough editor's own) and of the state (another owner's)."""
    mitte = Owner.objects.get(slug="mitte")
    state = Owner.objects.get(slug="land-berlin")
    admin = django_user_model.objects.create_superuser(
        "root@example.org", "root@example.org", PASSWORD
    )
    own_partnership = Partnership.objects.filter(owner=mitte).first()
    other_partnership = Partnership.objects.get(owner=state, city__slug="paris")
    city = City.objects.get(slug="paris")
    city.save_revision(user=admin, log_action=True).publish()  # its revisions' screens
    own_org = Organisation.objects.create(
        owner=mitte, name="Beispiel (Mitte)", slug="example-mitte", type="ngo", city=city
    )
    # A contact person without public consent, linked to records of both owners (published
    # and draft), and named in the audit log as the steward's edits name them.
    secret_contact = ContactPerson.objects.create(
        name=SECRETS["contact name"],
        email=SECRETS["contact e-mail"],
        phone=f"030 {SECRETS['contact phone']}",
        organisation=own_org,
        consent_public=False,
        consent_stored_how="Example",
    )
    for partnership in (own_partnership, other_partnership):  # its revisions' screens
        partnership.save_revision(user=admin, log_action=True).publish()
    secret_contact.partnerships.set([own_partnership, other_partnership])
    secret_contact.save()  # parental relations are written on save
    log(instance=secret_contact, action="wagtail.create", user=admin)
    own_project = Project.objects.create(
        owner=mitte, title_de="Beispiel", title_en="Example", slug="example-mitte"
    )
    other_project = Project.objects.filter(owner=state).first()
    for project in (own_project, other_project):
        project.contacts.add(secret_contact)
        project.save()

    def activity(**kwargs):
        """An activity published first without the contact, then with it: the comparison of
        its earliest and latest revisions shows the change."""
        record = ActivityFactory(**kwargs)
        record.save_revision(user=admin).publish()
        record.contacts.set([secret_contact])
        record.save_revision(user=admin, log_action=True).publish()
        return record

    own_activity = activity(owner=mitte, partnerships=[own_partnership])
    other_activity = activity(owner=state)
    # A change the state has not published yet, in both languages (the admin speaks either).
    other_activity.title_de = f"Entwurf {SECRETS['state draft change']}"
    other_activity.title_en = f"Draft {SECRETS['state draft change']}"
    other_activity.save_revision(user=admin, log_action=True)
    draft = ActivityFactory(
        owner=state,
        live=False,
        title_de=f"Entwurf {SECRETS['state draft']}",
        title_en=f"Draft {SECRETS['state draft']}",
        slug="example-draft",
    )
    draft.save_revision(user=admin, log_action=True)
    draft.contacts.set([secret_contact])
    draft.project = own_project  # so that the usage of Mitte's project names the draft
    draft.save()  # a draft's row holds its latest version, as Wagtail's editing views keep it
    draft.save_revision(user=admin, log_action=True)
    home = Page.objects.get(depth=2, locale__language_code="de")
    unpublished_page = home.add_child(
        instance=StandardPage(
            title=f"Example {SECRETS['unpublished page']}", slug="example-unpublished", live=False
        )
    )
    unpublished_page.save_revision(user=admin, log_action=True)
    collection = Collection.get_first_root_node().add_child(name="Beispiel")
    image = Image.objects.create(
        title="Example", file=SimpleUploadedFile("x.png", _tiny_png()), uploaded_by_user=admin
    )
    document = Document.objects.create(
        title="Example", file=SimpleUploadedFile("x.pdf", b"%PDF-1.4\n"), uploaded_by_user=admin
    )
    proposal = Proposal.objects.create(
        name=SECRETS["proposal sender"],
        email=SECRETS["proposal e-mail"],
        text="Example",
        consent=True,
        language="de",
        project=other_project,
        activity=other_activity,
    )
    log(instance=proposal, action="wagtail.create", user=admin)
    feedback = AccessibilityFeedback.objects.create(
        name=SECRETS["feedback sender"],
        email=SECRETS["feedback e-mail"],
        message="Example",
        language="de",
    )
    log(instance=feedback, action="wagtail.create", user=admin)
    # Money: Mitte's own line, the state's public one (another owner's record every role
    # may read) and the state's internal one, which only the state's accounts may see.
    own_line = budget_line_create(
        owner=mitte,
        partnership=own_partnership,
        year=2025,
        source="own",
        amount_planned=Decimal("100.00"),
        note_en="Example",
        user=admin,
    )
    other_line = budget_line_create(
        owner=state,
        partnership=other_partnership,
        year=2025,
        source="eu",
        amount_spent=Decimal("200.00"),
        is_public=True,
        note_en="Example",
        user=admin,
    )
    internal_line = budget_line_create(
        owner=state,
        partnership=other_partnership,
        year=2025,
        source="federal",
        amount_planned=Decimal("300.00"),
        user=admin,
        note_de=f"Beispiel {SECRETS['state internal money']}",
        note_en=f"Example {SECRETS['state internal money']}",
    )
    return {
        "own": {
            "partnerships_partnership": Partnership.objects.filter(owner=mitte).first(),
            "activities_activity": own_activity,
            "projects_project": own_project,
            "organisations_organisation": own_org,
            "funding_budgetline": own_line,
        },
        "other": {
            "partnerships_partnership": other_partnership,
            "activities_activity": other_activity,
            "projects_project": other_project,
            "organisations_organisation": Organisation.objects.filter(owner=state).first(),
            "funding_budgetline": other_line,
        },
        "internal_line": internal_line,
        "draft": draft,
        "shared": {
            "partnerships_city": city,
            "owners_owner": state,
            "partnerships_focusarea": FocusArea.objects.first(),
            "activities_activitykind": other_activity.kind,
            "projects_proposal": proposal,
            "site_accessibilityfeedback": feedback,
            "contacts_contactperson": secret_contact,
            "outgoing_mail": OutboxMessage.objects.create(
                from_email="office@example.org",
                to=["p@example.org"],
                subject="Example",
                body="Example",
                status=OutboxMessage.Status.FAILED,
                last_error="ConnectionRefusedError: [Errno 111] Connection refused",
            ),
        },
        "home": home,
        # A page without children: deleting one with children needs another permission.
        "page": home.get_children().live().filter(numchild=0).first().specific,
        "unpublished_page": unpublished_page,
        "image": image,
        "document": document,
        "collection": collection,
        "admin": admin,
        "device": TOTPDevice.objects.create(user=admin, name="Phone", confirmed=True),
    }


def _values(url, records, ownership):
    """Values for the URL's parameters, or None when it names something not created here."""
    ns = url.namespace
    key = (
        url.model_key
        or CUSTOM_URL_MODELS.get(url.name)
        or re.sub(r"^wagtailsnippet(s|choosers)_", "", ns)
    )
    owned = records[ownership] if ownership in ("own", "other") else records["other"]
    record = owned.get(key) or records["shared"].get(key)
    if ownership == "draft":
        record = records["draft"]
    if url.model:  # a URL asked once per model: its most secret record
        record = _records_of(key, records)[-1]
    page = records["unpublished_page" if ownership == "unpublished" else "page"]
    values = dict(url.fixed)
    for param in url.params:
        if param in values:
            continue
        if param in UNFILLED:
            return None
        if param in ROUTE_PARAMS:
            values[param] = ROUTE_PARAMS[param]
        elif param == "pk" and record is not None:
            values[param] = record.pk
        elif param == "pk":
            values[param] = _pk_elsewhere(url, records)
        elif param == "revision_id":
            target = records["page"] if ns.startswith("wagtailadmin_pages") else record
            values[param] = target.latest_revision_id
        elif param == "user_id":  # another account's
            values[param] = records["admin"].pk
        elif param == "redirect_id":
            values[param] = Redirect.objects.get_or_create(
                old_path="/old-example", defaults={"redirect_link": "/de/"}
            )[0].pk
        elif param == "workflow_pk":
            values[param] = Workflow.objects.first().pk
        elif param in ("parent_page_id", "destination_id"):
            values[param] = (page if ownership == "unpublished" else records["home"]).pk
        elif param in ("page_id", "page_to_move_id", "page_pk"):
            values[param] = page.pk
        elif param in ("image_id",):
            values[param] = records["image"].pk
        elif param in ("document_id", "doc_id"):
            values[param] = records["document"].pk
        elif param == "collection_id":
            values[param] = records["collection"].pk
        elif param in (
            "app_name",
            "model_name",
            "app_label",
            "content_type_app_name",
            "content_type_model_name",
        ):
            values[param] = _model_param(url, param)
        else:
            raise AssertionError(f"{url.name}: no value for <{param}>; add it to the matrix")
    return values


def _records_of(key, records):
    """The records of one model that a bulk action is asked about, the most secret last."""
    if key in records["own"]:
        mine = [records["own"][key], records["other"][key]]
        if key == "funding_budgetline":
            return [*mine, records["internal_line"]]
        return [*mine, records["draft"]] if key == "activities_activity" else mine
    if key in records["shared"]:
        return [records["shared"][key]]
    return {
        "wagtailcore_page": [records["page"], records["unpublished_page"]],
        "wagtailimages_image": [records["image"]],
        "wagtaildocs_document": [records["document"]],
        "auth_user": [records["admin"]],
    }[key]


def _pk_elsewhere(url, records):
    ns = url.namespace
    if url.name.startswith("wagtail_2fa_device"):  # another account's device
        return records["device"].pk
    if ns == "wagtailsettings":
        return Site.objects.get(is_default_site=True).pk  # settings are per site
    if ns == "wagtail_localize":  # snippets named in the route: another owner's partnership
        return records["other"]["partnerships_partnership"].pk
    if ns == "wagtailadmin_collections":
        return records["collection"].pk
    if ns == "wagtailusers_users":
        return records["admin"].pk
    if ns == "wagtailusers_groups":
        return Group.objects.first().pk
    if ns == "wagtailsites":
        return Site.objects.first().pk
    if ns == "wagtaillocales":
        return Locale.objects.first().pk
    if ns == "wagtailredirects":
        return Redirect.objects.get_or_create(
            old_path="/old-example", defaults={"redirect_link": "/de/"}
        )[0].pk
    if ns == "wagtailadmin_workflows":
        return (Task.objects.first() if "task" in url.view else Workflow.objects.first()).pk
    if ns in ("wagtailadmin_api:pages", "wagtailadmin_pages"):
        return records["page"].pk
    if ns in ("wagtailadmin_api:images", "wagtailimages_chooser"):
        return records["image"].pk
    if ns in ("wagtailadmin_api:documents", "wagtaildocs_chooser"):
        return records["document"].pk
    raise AssertionError(f"{url.name}: no record for <pk>; add it to the matrix")


def _model_param(url, param):
    if url.namespace == "wagtailsettings":
        return {"app_name": "core", "model_name": "officesettings"}[param]
    if url.name == "wagtailadmin_tag_model_autocomplete":
        return {"app_name": "taggit", "model_name": "tag"}[param]
    if url.namespace == "wagtailadmin_workflows":
        return {"app_label": "wagtailcore", "model_name": "groupapprovaltask"}[param]
    # Page types and snippets named in a route.
    return {
        "app_label": "site",
        "model_name": "partnercitypage",
        "content_type_app_name": "site",
        "content_type_model_name": "partnercitypage",
    }[param]


def expected(url, role, ownership):
    for pattern, allowed, allowed_on_others in RULES:
        if re.search(pattern, url.name):
            if ownership == "unpublished":  # unpublished pages: only for page editors
                return role in allowed and role in STATE_STAFF
            if ownership in ("other", "draft") and allowed_on_others is not None:
                if ownership == "draft" and role == BE:
                    return False  # another owner's draft: not even to look at
                return role in allowed_on_others
            return role in allowed
    return None


def _on_one_owned_record(url):
    return "pk" in url.params and any(
        re.search(pattern, url.name) and others is not None for pattern, _a, others in RULES
    )


def outcome(response, path):
    """True if the screen opened (or did its work), False if the account was turned away."""
    if path == "/admin/logout/":
        return response.status_code == 302 and "_auth_user_id" not in response.wsgi_request.session
    if response.status_code in (403, 404):
        return False
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.rstrip("/") in (f"/de{path}".rstrip("/"), f"/en{path}".rstrip("/")):
            return False  # a 404, which the language middleware turns into a redirect
        return not (location.rstrip("/").endswith("/admin") or "/login/" in location)
    return response.status_code < 400


def _body(response) -> str:
    """The response's body as text, also of a streamed one (a download)."""
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _accounts():
    accounts = {}
    for role in ROLE_ORDER:
        owner = "mitte" if role == BE else None
        accounts[role] = account_create(
            email=f"{role}@example.org", password=PASSWORD, role=role, owner=owner
        )
    return accounts


PAGE_PARAMS = {"parent_page_id", "page_id", "page_to_move_id", "page_pk"}
MEDIA = {"wagtailimages_image", "wagtaildocs_document"}
PAGES_CHOSEN = "wagtailadmin_choose_page_chosen_multiple"
PAGES_SEARCH = "wagtailadmin_choose_page_search"


def _on_a_page_for_others(url):
    """A screen on pages that also roles without page permissions may open: it is asked
    about the unpublished page too."""
    names_pages = bool(PAGE_PARAMS.intersection(url.params)) or url.name == PAGES_CHOSEN
    return names_pages and any(expected(url, role, "own") for role in ALL - STATE_STAFF)


def _searches(url):
    """A list's or a chooser's results, also asked with a search (which Wagtail may hand to a
    search backend, with the filters of the visibility policy)."""
    return url.view in ("list_results", "choose_results") or url.name == PAGES_SEARCH


def _query(url, records, ownership):
    """The ids a screen is asked about in its query: a bulk action's (or "all", as when
    everything in a listing is selected) and those chosen in a chooser, all of the model's
    records that the matrix knows, the most secret among them; or a search for the secrets."""
    if ownership == "search":
        return "?q=Secret"
    if url.name == PAGES_CHOSEN:
        return f"?id={records['unpublished_page' if ownership == 'unpublished' else 'page'].pk}"
    if url.view == "chosen_multiple":
        key = re.sub(r"^wagtailsnippetchoosers_", "", url.namespace)
        key = {"wagtailimages_chooser": "wagtailimages_image"}.get(key, key)
        key = {"wagtaildocs_chooser": "wagtaildocs_document"}.get(key, key)
        return "?" + urlencode([("id", record.pk) for record in _records_of(key, records)])
    if not url.name.startswith("wagtail_bulk_action["):
        return ""
    if ownership == "all":
        ids = [("id", "all")]
    else:
        ids = [("id", record.pk) for record in _records_of(url.model_key, records)]
    return "?" + urlencode([*ids, ("next", "/admin/")])


def _cases(records):
    for url in sorted(matrix_urls(), key=lambda u: (u.route, u.name)):
        if url.name in SKIP or url.route in SKIP:
            continue
        ownerships = ["own"]
        if _on_one_owned_record(url):
            ownerships = ["own", "other"]
            if "activities_activity" in url.name:
                ownerships.append("draft")
        if _on_a_page_for_others(url):
            ownerships.append("unpublished")
        # "Select all" in a listing; Wagtail's own for images and documents takes only those
        # the account may change (none, for a borough's editors: a 404).
        if url.name.startswith("wagtail_bulk_action[") and url.model_key not in MEDIA:
            ownerships.append("all")
        if _searches(url):
            ownerships.append("search")
        for ownership in ownerships:
            values = _values(url, records, ownership)
            if values is None:
                continue
            yield url, ownership, fill(url.route, values) + _query(url, records, ownership)


def test_every_admin_url_has_a_row_in_the_matrix():
    missing = [
        url.name
        for url in matrix_urls()
        if url.name not in SKIP and url.route not in SKIP and expected(url, SE, "own") is None
    ]
    assert not missing, f"Back-office URLs without a row in the permission matrix: {missing}"
    stale = [
        key
        for key in SKIP
        if key not in {u.name for u in admin_urls()} | {u.route for u in admin_urls()}
    ]
    assert not stale, f"SKIP names URLs that no longer exist: {stale}"


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_permission_matrix(role, records):
    accounts = _accounts()
    client = Client()
    client.force_login(accounts[role])
    wrong = []
    leaks = []
    seen = set()
    checked = 0
    anonymous = Client()
    posts = []  # actions that only take POST run after every screen was looked at

    def check(url, ownership, path, method):
        nonlocal checked
        query = {}
        if url.view == "find":  # the admin API's lookup by id
            kind = url.namespace.rsplit(":", 1)[-1]  # pages, images or documents
            record = {"pages": "page", "images": "image", "documents": "document"}[kind]
            query = {"id": records[record].pk}
        # Screens for everyone, even before logging in, are asked for without a session.
        asking = anonymous if re.search(PUBLIC, url.name) else client
        response = getattr(asking, method)(path, query)
        if response.status_code == 405 and method == "get":
            posts.append((url, ownership, path))
            return
        allowed = outcome(response, path)
        want = expected(url, role, ownership)
        checked += 1
        if os.environ.get("MATRIX_PRINT"):
            location = response.get("Location", "")
            print(
                f"MATRIX {role} {ownership} {url.name} {method} {path} {response.status_code} "
                f"{location}"
            )
        if allowed != want:
            wrong.append(
                f"{url.name} ({ownership}, {method.upper()}) {path}: got {response.status_code}, "
                f"expected {'allowed' if want else 'denied'}"
            )
        body = _body(response)
        seen.update(secret for secret, text in SECRETS.items() if text in body)
        for secret in FORBIDDEN[role]:
            if SECRETS[secret] in body:
                leaks.append(
                    f"{role} sees the {secret} ({SECRETS[secret]!r}) in {url.name} ({ownership}, "
                    f"{method.upper()} {response.status_code}) {path}"
                )

    cases = list(_cases(records))
    for url, ownership, path in cases:
        if url.name != "wagtailadmin_logout":
            check(url, ownership, path, "get")
    for url, ownership, path in posts:
        check(url, ownership, path, "post")
    for url, ownership, path in cases:  # logging out ends the session, so it comes last
        if url.name == "wagtailadmin_logout":
            check(url, ownership, path, "post")
    print(f"{role}: {checked} URL checks")
    unseen = [
        f"{role} sees the {secret} nowhere: the records fixture no longer shows it"
        for secret in SHOWN[role]
        if secret not in seen
    ]
    assert not wrong + leaks + unseen, "\n".join(wrong + leaks + unseen)
