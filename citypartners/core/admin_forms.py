"""No silent overwrites: every back-office edit form refuses to save over a newer save.

One rule, two kinds of token, chosen by the model:

- **Records with revisions** (pages, activities): the revision the form was opened on,
  which Wagtail's edit forms post (``loaded_revision_id`` and ``loaded_revision_created_at``,
  or ``overwrite_revision_id`` once the editor's own autosave has made a revision). Wagtail
  applies this rule (``EditView.is_out_of_date``) only to autosaves; here every save is
  refused when another account saved a revision since the form was opened (the editor's own
  autosaves do not count). After the warning the form carries the current revision, so
  saving again is a decision made knowingly, and the other version stays in the history.
- **Every other record**: the ``edit_version`` counter (``core.models.VersionedRecord``),
  carried by a hidden field and counted up by a conditional UPDATE on every save, so that
  of two saves in the same instant only one can win, also where a view saves through a
  service. Such records have no history, so the form stays stale: the editor opens the
  record again.

Every snippet, page and settings form is a ``GuardedModelForm`` or ``GuardedPageForm``;
``site/tests/test_no_silent_overwrite.py`` checks that for every registered model and tries
it.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import UniqueConstraint
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.models import Revision, RevisionMixin

from .i18n import translation_missing_fields

STALE_MESSAGE = _(
    "Someone else saved this record after you opened it. Your changes were not saved, so "
    "that theirs are not lost. Open the record again to see the current version, then make "
    "your changes once more."
)
STALE_REVISION_MESSAGE = _(
    "Someone else saved this record after you opened it. Your changes were not saved, so "
    "that theirs are not lost. Open the record again to see the current version, or compare "
    "the versions in its history. If you save this form again, your version replaces theirs; "
    "theirs stays in the history."
)


class StaleEdit(PermissionDenied):
    """Another save won the race between checking and saving; nothing of this one was saved.

    A PermissionDenied, because Wagtail's edit views turn one raised while saving into an
    error message on the form (and a JSON error for autosaves)."""


def is_revisioned(model) -> bool:
    return issubclass(model, RevisionMixin)


def is_versioned(model) -> bool:
    return any(field.name == "edit_version" for field in model._meta.concrete_fields)


def is_guarded(form_class) -> bool:
    """Whether a form class refuses stale saves (for the tests over every model)."""
    return issubclass(form_class, EditGuardMixin)


class EditGuardMixin:
    """For a Wagtail admin model form: refuses a save based on an outdated version."""

    stale_message = STALE_MESSAGE
    stale_revision_message = STALE_REVISION_MESSAGE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(self.instance)
        self._revisioned = is_revisioned(model)
        self._versioned = not self._revisioned and is_versioned(model)
        if "edit_version" in self.fields:
            self.fields["edit_version"].required = False
            if self.instance.pk and not self.is_bound:
                # The version saved now, even when the form shows an older revision (revert).
                self.initial["edit_version"] = self._saved("edit_version")

    def _saved(self, field_name, lock=False):
        manager = type(self.instance)._default_manager
        rows = manager.filter(pk=self.instance.pk)
        if lock and transaction.get_connection(manager.db).in_atomic_block:
            rows = rows.select_for_update()
        return rows.values_list(field_name, flat=True).first()

    def _revision_is_stale(self, lock=False) -> bool:
        """Whether another account saved a revision since the form was opened.

        Wagtail's rule (EditView.is_out_of_date) for autosaves, which name their own
        revision; for any other save, a revision newer than the one the form was opened on
        (or that one, overwritten since) counts only when someone else made it: the editor's
        own autosaves, even one still under way when they press save, never stop them."""
        latest_id = self._saved("latest_revision_id", lock=lock)
        if latest_id is None:
            return False  # nothing saved as a revision yet
        posted = self.data
        overwrite = posted.get("overwrite_revision_id")
        if overwrite:
            return overwrite != str(latest_id)
        loaded = posted.get("loaded_revision_id") or ""
        if not loaded.isdigit():
            return True  # a form that does not say which version it was opened on
        loaded = int(loaded)
        if loaded != latest_id and not self.instance.revisions.filter(pk=loaded).exists():
            return True
        user_id = getattr(self.for_user, "pk", None)
        since = self.instance.revisions.filter(pk__gte=loaded).values_list(
            "pk", "created_at", "user_id"
        )
        loaded_at = posted.get("loaded_revision_created_at", "")
        for pk, created_at, author in since:
            changed = pk > loaded or created_at.isoformat() != loaded_at
            if changed and (author is None or author != user_id):
                return True
        return False

    def _latest_revision(self):
        latest_id = self._saved("latest_revision_id")
        created = Revision.objects.filter(pk=latest_id).values_list("created_at", flat=True)
        return latest_id, created.first()

    def get_field_updates_for_resave(self):
        """After an autosave (a background save that leaves the form open), the form's
        tokens are brought up to the version just saved, as Wagtail's script applies these
        updates to the open form: so the editor's own next save is not taken for a stale
        one, while another editor's still is."""
        updates = list(super().get_field_updates_for_resave())
        if self.instance.pk is None:
            return updates
        if self._revisioned:
            latest_id, created = self._latest_revision()
            if latest_id is not None and created is not None:
                updates.append(("loaded_revision_id", str(latest_id)))
                updates.append(("loaded_revision_created_at", created.isoformat()))
        elif self._versioned and "edit_version" in self.fields:
            updates.append((self.add_prefix("edit_version"), str(self.instance.edit_version)))
        return updates

    def clean(self):
        data = super().clean()
        if self.instance.pk is None:
            if self._versioned:
                data["edit_version"] = 0
            return data
        if self._revisioned and self._revision_is_stale():
            raise forms.ValidationError(self.stale_revision_message, code="stale")
        if self._versioned and data.get("edit_version") != self._saved("edit_version"):
            raise forms.ValidationError(self.stale_message, code="stale")
        return data

    def save(self, commit=True):
        # A record with a version counter checks it again when it is saved (see
        # VersionedRecord.save); a record with revisions is checked here once more, under a
        # row lock where the view saves in a transaction (PostgreSQL), so that a save in
        # between is seen.
        if self.instance.pk is not None and self._revisioned:
            if self._revision_is_stale(lock=True):
                raise StaleEdit(self.stale_revision_message)
        return super().save(commit=commit)


class TranslationMissingMixin:
    """Marks each paired ``<name>_de`` / ``<name>_en`` field that is empty while its partner
    is written with "Translation missing" in the field's help (read out with the field),
    so a missing translation is visible where it is written (core.i18n)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, written in translation_missing_fields(self.instance):
            field = self.fields.get(name)
            if field is None:
                continue
            marker = format_html(
                '<strong class="translation-missing" data-translation-missing="{}">{}</strong>',
                name.rpartition("_")[2],
                _("Translation missing: only the text in %(language)s is written.")
                % {"language": get_language_info(written)["name_translated"]},
            )
            field.help_text = (
                format_html("{} {}", marker, field.help_text) if field.help_text else marker
            )


def kept_child_rows(formset) -> list:
    """The saved rows of a child formset that the post does not name by id: they stay."""
    shown = {form.instance.pk for form in formset.initial_forms if form.instance.pk}
    return [row for row in formset.get_queryset() if row.pk not in shown]


class KeptChildRowsMixin:
    """A record's saved child rows that a post does not name by id stay (modelcluster keeps
    them): a hand-made post of the rows without their ids would add a second row where the
    child's unique constraint allows one, and the database would refuse it with a 500. Each
    such constraint is checked over the kept and the posted rows; a clash is the
    constraint's own message above the rows, and nothing is saved."""

    def is_valid(self):
        valid = super().is_valid()
        for formset in getattr(self, "formsets", {}).values():
            if formset.non_form_errors():
                continue  # a message above these rows already
            messages = self._kept_row_clashes(formset)
            if messages:
                formset._non_form_errors = formset.error_class(messages, error_class="nonform")
                valid = False
        return valid

    @staticmethod
    def _kept_row_clashes(formset) -> list[str]:
        parent = formset.fk.name
        kept = kept_child_rows(formset)
        posted = [
            form.instance
            for form in formset.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        ]
        messages = []
        for constraint in formset.model._meta.constraints:
            if not isinstance(constraint, UniqueConstraint) or parent not in constraint.fields:
                continue
            own = [name for name in constraint.fields if name != parent]
            keys = [tuple(getattr(row, name) for name in own) for row in kept + posted]
            if len(keys) != len(set(keys)):
                messages.append(str(constraint.violation_error_message))
        return messages


class GuardedModelForm(
    KeptChildRowsMixin, TranslationMissingMixin, EditGuardMixin, WagtailAdminModelForm
):
    """The base form of every snippet and settings form."""


class GuardedPageForm(EditGuardMixin, WagtailAdminPageForm):
    """The base form of every page type."""
