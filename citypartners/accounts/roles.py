"""The back office's roles: what each group may do, before the owner of a record is considered.

Model permissions say which kinds of record a role may touch; the owner rules in
``permissions.py`` then narrow borough editors to their own borough's records (and to the
cities their borough added).

Review: partnerships, cities, activities and pages go through one workflow (``REVIEW``),
whose approval task is the state moderators'. State editors submit to it; whoever may
publish (state moderators, a borough's editors for their own records and their borough's
page) publishes directly. ``services.roles_sync`` writes all of it: groups, page and
collection permissions, a group per borough for its page, and the workflow.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

CRUD = ("add", "change", "delete", "view")

# Records that belong to an owner (the state or a borough); see permissions.OWNED_MODELS.
OWNED = [
    ("partnerships", "partnership"),
    ("activities", "activity"),
    ("projects", "project"),
    ("organisations", "organisation"),
    # Money: another owner's lines only where public (funding.permissions).
    ("funding", "budgetline"),
]
REFERENCE = [
    ("partnerships", "city"),
    ("owners", "owner"),
    ("partnerships", "focusarea"),
    ("activities", "activitykind"),
]
STATE_ONLY = [("projects", "proposal"), ("core", "officesettings")]
# Messages from the public with names and e-mail addresses: the state's office answers them.
# No "add": they come only through the public form.
FEEDBACK = [("site", f"{action}_accessibilityfeedback") for action in ("change", "delete", "view")]
# Outgoing mail (recipients from the public): read it and send a failed e-mail again. Nobody
# adds, edits or deletes one; the retention period deletes them.
OUTBOX = [("mail", "view_outboxmessage"), ("mail", "resend_outboxmessage")]


def _perms(models, actions=CRUD):
    return [(app, f"{action}_{model}") for app, model in models for action in actions]


ADMIN = [("wagtailadmin", "access_admin")]
# Records with drafts, revisions, locks and review (Wagtail's DraftStateMixin and friends).
REVIEWED = [("activities", "activity"), ("partnerships", "partnership"), ("partnerships", "city")]
LOCKS = _perms(REVIEWED, ("lock", "unlock"))
ACTIVITY_LOCKS = LOCKS  # the name before partnerships and cities had locks too
PUBLISH = _perms(REVIEWED, ("publish",))
AUDIT = [("accounts", "view_audit_log")]
CONTACTS = _perms([("contacts", "contactperson")])
# wagtail-localize's permission for "Translate this page" and "Sync translated pages", given
# to the state's page editors. Not to borough editors: those two views check no page
# permission, so a borough account could make pages in the state's tree. A borough editor
# translates the own borough's pages in the translation editor (the page's own permissions),
# on the draft translation made when a page is created (site.services).
TRANSLATE = [("wagtail_localize", "submit_translation")]


@dataclass(frozen=True)
class Role:
    slug: str
    group: str  # the Django group's name
    label: str
    permissions: list
    page_permissions: tuple = ()  # on the whole page tree
    # on the page(s) of the account's own borough and below (a group per borough)
    borough_page_permissions: tuple = ()
    media_permissions: tuple = ()  # on the root collection
    borough_only: bool = False  # the account's owner must be a borough
    state_only: bool = False  # the account's owner must be the state


STATE_EDITOR_PERMISSIONS = [
    *ADMIN,
    *_perms(OWNED),
    *_perms(REFERENCE),
    *_perms(STATE_ONLY),
    *LOCKS,
    *FEEDBACK,
    *OUTBOX,
    *TRANSLATE,
]

ROLES = {
    role.slug: role
    for role in [
        Role(
            "state-editor",
            "State editors",
            _("State editor: edits everything, publishing is left to moderators"),
            STATE_EDITOR_PERMISSIONS,
            page_permissions=("add_page", "change_page", "lock_page", "unlock_page"),
            media_permissions=("add", "change", "choose"),
            state_only=True,
        ),
        Role(
            "state-moderator",
            "State moderators",
            _("State moderator: edits and publishes everything, reads the audit log"),
            [*STATE_EDITOR_PERMISSIONS, *PUBLISH, *AUDIT],
            page_permissions=(
                "add_page",
                "change_page",
                "publish_page",
                "lock_page",
                "unlock_page",
            ),
            media_permissions=("add", "change", "delete", "choose"),
            state_only=True,
        ),
        Role(
            "borough-editor",
            "Borough editors",
            _("Borough editor: edits and publishes only the own borough's records"),
            [
                *ADMIN,
                *_perms(OWNED),
                *PUBLISH,
                *LOCKS,
                # Narrowed to the cities the borough added (permissions.CityPermissionPolicy).
                *_perms([("partnerships", "city")], ("add", "change")),
                *_perms(REFERENCE, ("view",)),
            ],
            media_permissions=("add", "choose"),
            borough_page_permissions=(
                "add_page",
                "change_page",
                "publish_page",
                "lock_page",
                "unlock_page",
            ),
            borough_only=True,
        ),
        Role(
            "contact-steward",
            "Contact data stewards",
            _("Contact data steward: the only role that sees and edits contact people"),
            [*ADMIN, *CONTACTS],
        ),
        Role(
            "reviewer",
            "Reviewers",
            _("Reviewer: reads the back office, changes nothing"),
            [
                *ADMIN,
                *_perms(OWNED, ("view",)),
                *_perms(REFERENCE, ("view",)),
            ],
        ),
    ]
}


@dataclass(frozen=True)
class Review:
    """The office's workflow: one approval task, assigned to one role's group."""

    workflow: str  # the Workflow's name (data, as group names are)
    task: str  # the GroupApprovalTask's name
    approvers: str  # the slug of the role whose group approves
    models: list  # (app_label, model) of the snippets it applies to; pages: the whole tree


REVIEW = Review(
    workflow="Office review",
    task="Approval by the state's moderators",
    approvers="state-moderator",
    models=REVIEWED,
)
# Wagtail's own default (wagtailcore's migration 0048): assigned to the empty group
# "Moderators", so a submission reached nobody. Replaced by REVIEW.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
