"""The editors' handbook in the back office (issue 14, item 9): the office's daily jobs, step by
step, each step with a screenshot of the back office in the reader's admin language.

The handbook is data: ``JOBS`` lists the jobs and their steps; the views and templates only
show it. A step with ``alt`` text has a screenshot, ``site/static/handbook/<language>/<job>-
<step>.jpg``, which the browser test ``site/tests/test_handbook_browser.py`` makes by doing
that step in the real back office (``make handbook`` writes them there); a step without
``alt`` has none yet. So a job whose screens are still being built keeps its text, and gets
its pictures by giving its steps ``alt`` texts and the browser test a scene for each.
"""

from dataclasses import dataclass

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

# The browser test's viewport: the screenshots' size, and the img's width and height.
SHOT_WIDTH, SHOT_HEIGHT = 1280, 800
LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class Step:
    key: str  # the screenshot's name within its job; unique in the job
    text: str
    alt: str = ""  # the screenshot's text alternative; empty: the step has no screenshot

    @property
    def has_shot(self) -> bool:
        return bool(self.alt)


@dataclass(frozen=True)
class Job:
    slug: str
    title: str
    summary: str  # one sentence: what the job is for, on the index
    steps: tuple
    notes: tuple = ()  # "good to know": short paragraphs after the steps

    def image(self, step: Step, language: str) -> str:
        """The screenshot's path under the static folder."""
        return f"handbook/{language}/{self.slug}-{step.key}.jpg"

    def shots(self) -> list[Step]:
        return [step for step in self.steps if step.has_shot]


JOBS = (
    Job(
        "dashboard",
        _("The dashboard: your working day"),
        _("What is coming, what is waiting for you and what is missing, on one screen."),
        (
            Step(
                "home",
                _(
                    "Sign in. The dashboard is the first screen of the back office; the logo "
                    "at the top of the menu brings you back to it. A borough "
                    "account sees its own borough's records there, a state account every "
                    "owner's."
                ),
                _("The dashboard after signing in, with its first panels."),
            ),
            Step(
                "upcoming",
                _(
                    "“Activities of the next 30 days” lists the coming activities with their "
                    "dates and partner cities, the next one first. The link under the number "
                    "opens the whole list of activities."
                ),
                _("The panel “Activities of the next 30 days” with a table of activities."),
            ),
            Step(
                "waiting",
                _(
                    "“Proposals waiting for a decision” shows the proposals from the public "
                    "that nobody has answered yet. “Drafts and tasks waiting for me” shows "
                    "drafts of activities and pages, and the review tasks that wait for your "
                    "decision."
                ),
                _("The panels with the waiting proposals, drafts and review tasks."),
            ),
            Step(
                "gaps",
                _(
                    "Plan ahead with “Anniversaries of the next 12 months”; find where "
                    "nothing happens with “Partnerships without activity for two years” and "
                    "“Focus areas without a contact person”."
                ),
                _(
                    "The panels with anniversaries, quiet partnerships and focus areas without "
                    "a contact person."
                ),
            ),
            Step(
                "translations",
                _(
                    "“Translations missing” counts the records with a text written in one "
                    "language only, by kind, and lists the pages whose translation is older "
                    "than their source. Each row leads to the list or page to fix."
                ),
                _("The panel “Translations missing” with records and pages."),
            ),
        ),
        (
            _(
                "Each panel gives the exact number and the first rows; the whole list is one "
                "click away. A panel you have nothing to do with (say, proposals for a "
                "borough account) is not shown."
            ),
        ),
    ),
    Job(
        "translations",
        _("Keeping German and English in step"),
        _("Pages as linked translations, records with a German and an English field each."),
        (
            Step(
                "explorer",
                _(
                    "Open “Pages” in the menu. The German pages sit below the German home "
                    "page, the English pages below the English one: each German page has an "
                    "English twin at the same place in the other tree."
                ),
                _("The pages below the German home page in the page tree."),
            ),
            Step(
                "page-actions",
                _(
                    "Open the German page. Its status panel (the “i” at the top right) names "
                    "its language and, under “Switch locales”, leads to the same page in "
                    "English: the two are linked translations. Each is saved and published on "
                    "its own."
                ),
                _("A German page open for editing, with its status panel and its languages."),
            ),
            Step(
                "outdated",
                _(
                    "On the dashboard, “Translations missing” lists the translations older "
                    "than their source page. Open each, translate what changed and publish it."
                ),
                _("The dashboard's list of translations older than their source."),
            ),
            Step(
                "record",
                _(
                    "Records (activities, partnerships, cities, focus areas and the rest) keep "
                    "both languages in one form: each text comes as a German and an English "
                    "field. Fill in both before you publish; a text in one language only is "
                    "counted on the dashboard as a missing translation."
                ),
                _("The form of an activity with its German and English fields."),
            ),
        ),
        (
            _(
                "The public site shows each page in the visitor's language. Write the German "
                "text first, then translate it; the English page is its own draft until you "
                "publish it."
            ),
            _(
                "A page you create gets its version in the other language as a draft at once: "
                "the message after saving leads to it. State editors and moderators also find "
                "“Translate this page” in a page's menu; the translation editor shows the "
                "source text beside each field."
            ),
            _(
                "In a record's form, an empty field whose twin in the other language is "
                "filled says “Translation missing”; every list can be filtered for such "
                "records."
            ),
        ),
    ),
    Job(
        "review",
        _("Review: submit, approve, publish"),
        _("Who submits, who approves and who publishes directly."),
        (
            Step(
                "submit",
                _(
                    "As a state editor, save your changes, then open the menu beside “Save "
                    "draft” and choose “Submit to Office review”. Pages, activities, "
                    "partnerships and cities go through this review."
                ),
                _("An activity's form with the menu beside its save button opened."),
            ),
            Step(
                "awaiting",
                _(
                    "The state's moderators get an e-mail and find the task on their "
                    "dashboard under “Awaiting your review”."
                ),
                _("A moderator's dashboard with the task awaiting review."),
            ),
            Step(
                "decide",
                _(
                    "The moderator opens the record, checks it and chooses in the menu beside "
                    "“Save draft”: “Approve and Publish” (also with a comment), or “Request "
                    "changes” with a comment that says what to change. The editor who "
                    "submitted gets an e-mail."
                ),
                _("The moderator's choices: approve, approve with comment, request changes."),
            ),
            Step(
                "publish",
                _(
                    "A borough's editors need no review for their own borough's records and "
                    "pages: they choose “Publish” themselves. State moderators publish "
                    "directly too."
                ),
                _("A borough editor's activity form with its “Publish” button."),
            ),
        ),
        (
            _(
                "Each change is kept as a revision; “History” shows who changed what and when. "
                "While someone edits a record, it is locked for the others."
            ),
        ),
    ),
    Job(
        "new-partner-city",
        _("Adding a new partner city"),
        _("The city, its partnership and its German and English pages in one flow."),
        (
            Step(
                "search",
                _(
                    "Choose “New partner city”. Search the city by its name: the search "
                    "(GeoNames) fills in its names, country and coordinates."
                ),
                _("The new partner city screen with the matches for a name typed."),
            ),
            Step(
                "partnership",
                _(
                    "On the same screen, give the partnership: owner, partner since, kind, "
                    "status, focus areas, and the founding document with its date and the "
                    "uploaded file."
                ),
                _("The partnership's fields of the new partner city screen, filled in."),
            ),
            Step(
                "pages",
                _(
                    "Save. The city, the partnership and its German and English city pages "
                    "are created together; the pages are linked drafts."
                ),
                _("The buttons that create the records, as drafts or for review."),
            ),
            Step(
                "write",
                _(
                    "You land on the German page: write its text, then translate it (see "
                    "“Keeping German and English in step”) and submit or publish both."
                ),
                _("The German city page's edit form, just created, ready for its text."),
            ),
        ),
    ),
    Job(
        "lists",
        _("Lists, filters, exports and bulk actions"),
        _("Find activities and partnerships, download them, publish many at once."),
        (
            Step(
                "activities",
                _(
                    "Open “Activities” in the menu. The list shows each activity with its date "
                    "(never “3 days ago”): the coming ones first, the next at the top, then "
                    "the past ones, the latest first."
                ),
                _("The list of activities with start dates, the coming ones first."),
            ),
            Step(
                "filters",
                _(
                    "Narrow the list with the filters: partner city, owner, focus area, "
                    "status, kind, and the period (upcoming and running, or past) or two dates."
                ),
                _("The list of activities with its filters opened."),
            ),
            Step(
                "partnerships",
                _(
                    "“Partnerships” in the menu lists the partnerships of every owner, with "
                    "filters by owner, kind and focus area."
                ),
                _("The list of partnerships."),
            ),
            Step(
                "export",
                _(
                    "To download what the list shows (filters included), open the menu "
                    "beside the list's title and choose “Download CSV” or “Download XLSX”."
                ),
                _("The list's menu with the downloads as CSV and XLSX."),
            ),
            Step(
                "bulk",
                _(
                    "To publish or unpublish several records at once, tick them and choose "
                    "“Publish” or “Unpublish” in the bar at the bottom; you confirm before it "
                    "happens."
                ),
                _("Chosen activities with the bar of bulk actions at the bottom."),
            ),
        ),
    ),
    Job(
        "owner-rights",
        _("Who may change what"),
        _("The state edits everything; a borough edits its own records."),
        (
            Step(
                "own-records",
                _(
                    "A borough editor sees the published records of every owner, and changes "
                    "only those of his own borough; the filter by owner shows them."
                ),
                _("A borough editor's list of activities filtered by his borough."),
            ),
            Step(
                "cities",
                _(
                    "He may add cities and change those his borough added, as long as no other "
                    "owner's record uses them."
                ),
                _("The list of cities as a borough editor sees it."),
            ),
            Step(
                "borough-page",
                _(
                    "Among the pages, he edits and publishes his borough's page and the pages "
                    "below it."
                ),
                _("The borough's page in the page tree."),
            ),
        ),
        (
            _(
                "State editors change everything and submit for review; state moderators "
                "also publish and read the audit log. Contact people's data is seen only by "
                "the contact data stewards; reviewers read and change nothing."
            ),
        ),
    ),
    Job(
        "proposals",
        _("From a citizen's proposal to a project"),
        _("Answer the proposals from the public: a project, an existing record, or no."),
        (
            Step(
                "inbox",
                _(
                    "Open “Proposals” in the menu. The new proposals from the form on the "
                    "public site are listed with sender, partner city and focus area."
                ),
                _("The inbox of proposals from the public."),
            ),
            Step(
                "decide",
                _(
                    "Open a proposal and choose a decision: “Accept: turn into a new "
                    "project”, accept it linked to a project or activity you choose, or "
                    "decline it with a reason. Then save."
                ),
                _("A proposal with the decision “Accept: turn into a new project” chosen."),
            ),
            Step(
                "project",
                _(
                    "A new project opens at once: give it its title and description in both "
                    "languages and publish it. The sender gets an e-mail in the language he "
                    "wrote in, on receipt and on your decision."
                ),
                _("The new project's form with the message that it was made from the proposal."),
            ),
        ),
    ),
)
BY_SLUG = {job.slug: job for job in JOBS}


def handbook_language() -> str:
    """The admin language the screenshots are in (German and English, else English)."""
    language = (get_language() or "en")[:2]
    return language if language in LANGUAGES else "en"


def handbook_index(request):
    return TemplateResponse(request, "site/handbook/index.html", {"jobs": JOBS})


def handbook_job(request, slug):
    job = BY_SLUG.get(slug)
    if job is None:
        raise Http404
    language = handbook_language()
    steps = [(step, job.image(step, language) if step.has_shot else "") for step in job.steps]
    return TemplateResponse(
        request,
        "site/handbook/job.html",
        {
            "job": job,
            "steps": steps,
            "width": SHOT_WIDTH,
            "height": SHOT_HEIGHT,
            "jobs": JOBS,
        },
    )
