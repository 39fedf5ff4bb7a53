"""Which cached answers a change touches: the tags of every page that shows a record.

The page cache (citypartners.core.page_cache) tags each answer with the records it loaded
(instance tags) and with the lists the views below declare (``list_tag``: a list can gain a
record it never loaded). Here every write to a record the public sees is turned into its
*footprint*, the tags of the pages that show it before or after the change:

- the record's instance tag (every page that loaded it, in either language),
- the general list of its kind (the section list, feeds, search, API lists, downloads),
- the scoped lists it belongs to before and after the change (a city page's activities,
  a project's contacts, a borough's partnerships, ...).

The footprint of the old state is taken before the write (pre_save, pre_delete), that of
the new state when the transaction commits (many-to-many links are written after the row),
and both are purged in one go after the commit. Office settings, sites, locales and changes
to the page tree (a page published for the first time, unpublished, moved, deleted, or a
city page given another partnership) purge everything: every page shows them. A page
republished in place purges the pages that loaded it. Keep this in step with the list tags
the views declare (models/, feeds.py, views.py, opendata).
"""

from django.conf import settings
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Site
from wagtail.signals import page_published, page_unpublished

from citypartners.activities.models import Activity, ActivityKind
from citypartners.contacts.models import ContactPerson
from citypartners.core.models import OfficeSettings
from citypartners.core.page_cache import ALL, instance_tag, list_tag, purge_tags
from citypartners.funding.models import BudgetLine
from citypartners.organisations.models import Organisation
from citypartners.owners.models import Owner
from citypartners.partnerships.models import City, CitySummary, FocusArea, Partnership
from citypartners.partnerships.models.partnership import FoundingDocument, PartnershipStatus
from citypartners.projects.models import Project, ProjectOrganisation

# Fields Wagtail writes when a draft is saved or a record locked: nothing public changes.
BOOKKEEPING = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
}


# --- Footprints: the tags of the pages that show a record as the database has it now ------
def _activity(pk) -> set:
    tags = {instance_tag(Activity, pk), list_tag(Activity)}
    activity = Activity.objects.filter(pk=pk).first()
    if activity is not None:
        cities = activity.partnerships.values_list("city_id", flat=True)
        tags |= {list_tag(Activity, city=c) for c in cities}
        if activity.project_id:
            tags.add(list_tag(Activity, project=activity.project_id))
        organisations = activity.organisations.values_list("pk", flat=True)
        tags |= {list_tag(Activity, organisation=o) for o in organisations}
    return tags


def _project(pk) -> set:
    tags = {instance_tag(Project, pk), list_tag(Project)}
    project = Project.objects.filter(pk=pk).first()
    if project is not None:
        partnerships = project.partnerships.values_list("pk", flat=True)
        tags |= {list_tag(Project, partnership=p) for p in partnerships}
        organisations = project.project_organisations.values_list("organisation_id", flat=True)
        tags |= {list_tag(Project, organisation=o) for o in organisations}
    return tags


def _project_organisation(pk) -> set:
    role = ProjectOrganisation.objects.filter(pk=pk).first()
    if role is None:
        return set()
    return _project(role.project_id) | {list_tag(Project, organisation=role.organisation_id)}


def _organisation(pk) -> set:
    tags = {instance_tag(Organisation, pk), list_tag(Organisation)}
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is not None:
        partnerships = organisation.partnerships.values_list("pk", flat=True)
        tags |= {list_tag(Organisation, partnership=p) for p in partnerships}
    return tags


def _contact(pk) -> set:
    tags = {instance_tag(ContactPerson, pk), list_tag(ContactPerson)}
    person = ContactPerson.objects.filter(pk=pk).first()
    if person is not None:
        partnerships = person.partnerships.values_list("pk", flat=True)
        tags |= {list_tag(ContactPerson, partnership=p) for p in partnerships}
        projects = Project.objects.filter(contacts=person).values_list("pk", flat=True)
        tags |= {list_tag(ContactPerson, project=p) for p in projects}
    return tags


def _partnership(pk) -> set:
    tags = {instance_tag(Partnership, pk), list_tag(Partnership)}
    partnership = Partnership.objects.filter(pk=pk).select_related("owner").first()
    if partnership is not None:
        tags |= {
            list_tag(Partnership, owner=partnership.owner_id),
            list_tag(Partnership, owner_kind=partnership.owner.kind),
            list_tag(Partnership, kind=partnership.kind),
            list_tag(Partnership, city=partnership.city_id),
        }
    return tags


def _city(pk) -> set:
    """A city's pages; while it is not live (a draft, before or after its publication or
    unpublication), also those of its partnerships, which the public sees only with it."""
    tags = {instance_tag(City, pk), list_tag(City)}
    if not City.objects.filter(pk=pk, live=True).exists():
        for partnership in Partnership.objects.filter(city_id=pk).values_list("pk", flat=True):
            tags |= _partnership(partnership)
    return tags


def _city_summary(pk) -> set:
    """A summary in a partner language: the pages of its city (its page, the API)."""
    city_ids = CitySummary.objects.filter(pk=pk).values_list("city_id", flat=True)
    return set().union(*(_city(c) for c in city_ids))


def _partnership_child(model):
    def footprint(pk) -> set:
        partnership_id = model.objects.filter(pk=pk).values_list("partnership_id", flat=True)
        return set().union(*(_partnership(p) for p in partnership_id))

    return footprint


def _plain(model):
    def footprint(pk) -> set:
        return {instance_tag(model, pk), list_tag(model)}

    return footprint


def _everything(pk) -> set:
    return {ALL}


FOOTPRINTS = {
    Activity: _activity,
    Project: _project,
    ProjectOrganisation: _project_organisation,
    Organisation: _organisation,
    ContactPerson: _contact,
    Partnership: _partnership,
    PartnershipStatus: _partnership_child(PartnershipStatus),
    FoundingDocument: _partnership_child(FoundingDocument),
    City: _city,
    CitySummary: _city_summary,
    FocusArea: _plain(FocusArea),
    ActivityKind: _plain(ActivityKind),
    Owner: _plain(Owner),
    Image: _plain(Image),
    Document: _plain(Document),
    BudgetLine: _plain(BudgetLine),  # public lines' sums on the annual reports
    OfficeSettings: _everything,
    Site: _everything,
    Locale: _everything,
}


def footprint(model, pk) -> set:
    """The tags of the pages that show the record ``model``/``pk`` as it is stored now."""
    return FOOTPRINTS[model](pk)


# --- One purge per transaction, after the commit -----------------------------------------
class _Batch:
    """Tags and records changed in one transaction; purged together once it commits."""

    def __init__(self):
        self.tags: set = set()
        self.records: set = set()

    def flush(self):
        tags = set(self.tags)
        for model, pk in self.records:
            tags |= footprint(model, pk)  # the new state, links included
        purge_tags(tags)


_batches: dict = {}


def _batch() -> _Batch:
    """The current transaction's batch; a new one when its flush is no longer pending (the
    transaction committed or rolled back)."""
    key = id(connection)
    batch = _batches.get(key)
    pending = [entry[1] for entry in connection.run_on_commit]
    if batch is None or not connection.in_atomic_block or batch.flush not in pending:
        batch = _batches[key] = _Batch()
        transaction.on_commit(batch.flush)  # at once outside a transaction
    return batch


def _enabled() -> bool:
    return settings.PAGE_CACHE_ENABLED


def _later(tags=(), records=()):
    """Purge ``tags`` and the footprints of ``records`` after the commit (now outside one)."""
    if not connection.in_atomic_block:
        found = set(tags)
        for model, pk in records:
            found |= footprint(model, pk)
        purge_tags(found)
        return
    batch = _batch()
    batch.tags |= set(tags)
    batch.records |= set(records)


def _watched(sender):
    for model in FOOTPRINTS:
        if issubclass(sender, model):
            return model
    return None


def _bookkeeping(update_fields) -> bool:
    return bool(update_fields) and set(update_fields) <= BOOKKEEPING


@receiver(pre_save, dispatch_uid="cache_purge_pre_save")
@receiver(pre_delete, dispatch_uid="cache_purge_pre_delete")
def _before_write(sender, instance, update_fields=None, **kwargs):
    if not _enabled() or instance.pk is None:
        return
    if isinstance(instance, Page):
        _page_remember(instance)
        return
    model = _watched(sender)
    if model is None or _bookkeeping(update_fields):
        return
    _later(tags=footprint(model, instance.pk))  # the old state, links included


@receiver(post_save, dispatch_uid="cache_purge_post_save")
def _after_save(sender, instance, created=False, update_fields=None, **kwargs):
    if not _enabled():
        return
    if isinstance(instance, Page):
        _page_saved(instance, created)
        return
    model = _watched(sender)
    if model is None or _bookkeeping(update_fields):
        return
    _later(records=[(model, instance.pk)])


@receiver(post_delete, dispatch_uid="cache_purge_post_delete")
def _after_delete(sender, instance, **kwargs):
    if not _enabled():
        return
    if isinstance(instance, Page):
        _later(tags=[ALL])  # the page tree changed
        return
    model = _watched(sender)
    if model is not None:
        _later(tags=[instance_tag(model, instance.pk), list_tag(model)])


@receiver(m2m_changed, dispatch_uid="cache_purge_m2m")
def _links_changed(sender, instance, action, model, pk_set, **kwargs):
    """Links written through a many-to-many manager (modelcluster writes its own rows, which
    the footprints at commit read): both sides, before and after."""
    if not _enabled() or action not in ("pre_add", "pre_remove", "pre_clear", "post_add"):
        return
    records = [(type(instance), instance.pk)] + [(model, pk) for pk in pk_set or ()]
    for record_model, pk in records:
        watched = _watched(record_model)
        if watched is not None:
            _later(tags=footprint(watched, pk), records=[(watched, pk)])


# --- Pages --------------------------------------------------------------------------------
STRUCTURE_FIELDS = ("live", "url_path", "partnership_id", "borough_id", "show_in_menus")


def _page_state(page) -> tuple:
    return tuple(getattr(page, name, None) for name in STRUCTURE_FIELDS)


def _page_remember(page):
    stored = type(page).objects.filter(pk=page.pk).first()
    page._cache_purge_before = _page_state(stored) if stored is not None else None


def _page_saved(page, created):
    """A page that appears, disappears, moves or shows another record: the tree changed, and
    every page's links, menus and language switch with it."""
    before = getattr(page, "_cache_purge_before", None)
    if (created and page.live) or (before is not None and before != _page_state(page)):
        _later(tags=[ALL])


@receiver(page_published, dispatch_uid="cache_purge_page_published")
def _page_published(sender, instance, **kwargs):
    if _enabled():
        # The pages that loaded it (itself, its translations' switch, links to it) and search.
        _later(tags=[instance_tag(Page, instance.pk), list_tag("page")])


@receiver(page_unpublished, dispatch_uid="cache_purge_page_unpublished")
def _page_unpublished(sender, instance, **kwargs):
    if _enabled():
        _later(tags=[ALL])
