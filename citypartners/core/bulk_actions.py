"""Publishing and unpublishing chosen records of a list at once (Wagtail has only "delete"
as a bulk action for snippets).

Offered for every snippet model with drafts (DraftStateMixin). Whether the account may act
on a record is the model's permission policy's answer for "publish": the role's model
permission, narrowed by the owner rules for owned records (accounts.permissions), so a
borough editor publishes only his borough's records; the others are listed as not allowed
and left alone. Which records are named at all is decided by the bulk action view
(accounts.views: only those the account may see).
"""

from django.utils.functional import classproperty
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import DraftStateMixin
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.models import get_snippet_models


class PublicationBulkAction(SnippetBulkAction):
    template_name = "core/bulk_actions/confirm_publication.html"
    texts: dict = {}

    @classproperty
    def models(cls):
        return [model for model in get_snippet_models() if issubclass(model, DraftStateMixin)]

    def check_perm(self, record):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "publish", record
        )

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plural = self.model._meta.verbose_name_plural
        context.update(
            heading=self.display_name,
            question=self.texts["question"] % {"records": plural},
            no_access_message=self.texts["no_access"] % {"records": plural},
            yes_label=self.texts["yes"],
            no_label=self.texts["no"],
        )
        return context

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.texts["done"](num_parent_objects) % {
            "count": num_parent_objects,
            "records": capfirst(self.model._meta.verbose_name_plural),
        }


class PublishBulkAction(PublicationBulkAction):
    display_name = _("Publish")
    action_type = "publish"
    aria_label = _("Publish the chosen records")
    action_priority = 20
    texts = {
        "question": _("Publish these %(records)s, each in its latest version?"),
        "no_access": _("You may not publish these %(records)s:"),
        "yes": _("Yes, publish"),
        "no": _("No, don't publish"),
        "done": lambda count: ngettext(
            "%(records)s: %(count)d record published.",
            "%(records)s: %(count)d records published.",
            count,
        ),
    }

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        """Publishes each record's latest revision, as its editor's "Publish" does; a record
        that is live without changes is left as it is."""
        published = 0
        for record in objects:
            if record.live and not record.has_unpublished_changes:
                continue
            revision = record.latest_revision or record.save_revision(user=user)
            revision.publish(user=user)
            published += 1
        return published, 0


class UnpublishBulkAction(PublicationBulkAction):
    display_name = _("Unpublish")
    action_type = "unpublish"
    aria_label = _("Unpublish the chosen records")
    action_priority = 25
    texts = {
        "question": _("Take these %(records)s off the public site?"),
        "no_access": _("You may not unpublish these %(records)s:"),
        "yes": _("Yes, unpublish"),
        "no": _("No, don't unpublish"),
        "done": lambda count: ngettext(
            "%(records)s: %(count)d record unpublished.",
            "%(records)s: %(count)d records unpublished.",
            count,
        ),
    }

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        unpublished = 0
        for record in objects:
            if record.live:
                record.unpublish(user=user)
                unpublished += 1
        return unpublished, 0
