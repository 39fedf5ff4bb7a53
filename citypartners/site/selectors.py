"""Reads for the back office's dashboard that span the models of several apps or concern
pages (issue 14): missing translations, page drafts, workflow tasks.

The readings of one app's records are in that app's selectors (``activities_upcoming_for_
dashboard`` and the like); these live in the top layer because they walk every registered
model or need pages and wagtail-localize. Each runs a fixed number of queries whatever the
data size (for the translations: one per model, and the models are fixed).
"""

from django.apps import apps
from django.db.models import F, OuterRef, Subquery
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.models import Page, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import Translation

from citypartners.accounts.visibility import own_records
from citypartners.core.i18n import untranslated_records_q

DASHBOARD_ROWS = 10


def translatable_models() -> list:
    """The back office's records (snippets) with paired ``_de`` / ``_en`` fields, on
    themselves or on the child records edited in their form."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("citypartners.") or issubclass(model, Page):
            continue
        if getattr(model, "snippet_viewset", None) is None:
            continue
        if untranslated_records_q(model) is not None:
            found.append(model)
    return sorted(found, key=lambda m: (m._meta.app_label, m._meta.model_name))


def translations_missing_for_dashboard(*, user) -> list[tuple[type, int]]:
    """For each model of ``translatable_models()`` the account may see, how many of its
    records (a borough account: its own borough's) lack a translation: a paired field written
    in one language only, a required one empty, or the same in a child record edited in its
    form. One query per model; models without such records are left out."""
    counts = []
    for model in translatable_models():
        queryset = own_records(user, model._default_manager.all())
        condition = untranslated_records_q(model)
        count = queryset.filter(condition).count()
        if count:
            counts.append((model, count))
    return counts


def page_translations_outdated_for_dashboard(*, user, limit: int = DASHBOARD_ROWS, offset: int = 0):
    """Translations of pages (wagtail-localize) older than their source: the source page was
    published after the translation last took its text ("Sync translated pages" not yet
    run). Each row a ``Translation`` with ``source_page_id`` and ``source_published_at``,
    and its source's title as ``source_title``; the most recently changed source first.
    Two queries; none for an account without a page permission."""
    if not user_has_any_page_permission(user):
        return 0, []
    source_pages = Page.objects.filter(
        translation_key=OuterRef("source__object_id"), locale_id=OuterRef("source__locale_id")
    )
    queryset = (
        Translation.objects.filter(enabled=True)
        .annotate(
            source_page_id=Subquery(source_pages.values("pk")[:1]),
            source_title=Subquery(source_pages.values("title")[:1]),
            source_published_at=Subquery(source_pages.values("last_published_at")[:1]),
        )
        .filter(source_published_at__gt=F("source__last_updated_at"))
    )
    rows = list(
        queryset.select_related("target_locale").order_by("-source_published_at", "pk")[
            offset : offset + limit
        ]
    )
    return queryset.count(), rows


def page_drafts_for_dashboard(*, user, limit: int = DASHBOARD_ROWS, offset: int = 0):
    """Pages the account may edit with changes not yet published, the latest changed first.
    A fixed number of queries (the account's page permissions, the count, the rows)."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    queryset = editable.filter(has_unpublished_changes=True)
    rows = list(
        queryset.select_related("locale").order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "path"
        )[offset : offset + limit]
    )
    return queryset.count(), rows


def workflow_tasks_for_dashboard(*, user) -> int:
    """How many workflow tasks (of pages and records) wait for the account's decision.
    Wagtail's own panel "Awaiting your review" lists them with their actions. One query per
    kind of task configured, and the count."""
    return TaskState.objects.reviewable_by(user).count()
