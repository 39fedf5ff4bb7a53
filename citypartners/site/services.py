"""Writes of the public site: the accessibility feedback, the office's notice of it, and its
answer in the back office; page translations; a video page's video."""

import datetime
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    String,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue, TemplateSegmentValue
from wagtail_localize.segments.extract import extract_segments

from .models.feedback import AccessibilityFeedback
from .models.video import VideoPage


def feedback_rate_limited(*, key: str) -> bool:
    """Whether this client has sent as many messages as FEEDBACK_RATE_LIMIT allows."""
    limit, seconds = settings.FEEDBACK_RATE_LIMIT
    since = timezone.now() - datetime.timedelta(seconds=seconds)
    return (
        AccessibilityFeedback.objects.filter(client_key=key, created_at__gte=since).count() >= limit
    )


@transaction.atomic
def feedback_submit(
    *,
    page,
    message: str,
    key: str,
    name: str = "",
    email: str = "",
    trap: str = "",
    office_email: str = "",
) -> AccessibilityFeedback | None:
    """Store one accessibility feedback message from the client with this key, and tell the
    office at `office_email` (if any) by e-mail.

    A filled-in trap field (a field people never see) means a bot: nothing is stored and
    None is returned, so that the caller answers as if it had worked.
    """
    if trap:
        return None
    if feedback_rate_limited(key=key):
        raise ValidationError(
            _("You have sent several messages in a short time. Please try again in an hour.")
        )
    feedback = AccessibilityFeedback(
        page=page,
        message=message,
        name=name,
        email=email,
        client_key=key,
        language=get_language() or "",
    )
    feedback.full_clean()
    feedback.save()
    if office_email:
        # Into the outbox in this transaction; it leaves after the commit, and is retried
        # until it does, so a mail server that is down never fails the sender's request.
        _feedback_to_office(feedback, office_email)
    return feedback


def _feedback_to_office(feedback: AccessibilityFeedback, office_email: str) -> None:
    edit_path = reverse("wagtailsnippets_site_accessibilityfeedback:edit", args=[feedback.pk])
    lines = [
        f"Name: {feedback.name or '-'}",
        f"E-Mail: {feedback.email or '-'}",
        f"Sprache / language: {feedback.language}",
        "",
        feedback.message,
        "",
        f"{settings.WAGTAILADMIN_BASE_URL}{edit_path}",
    ]
    send_mail(
        # No word of the sender's in the header.
        subject="Rückmeldung zur Barrierefreiheit / accessibility feedback",
        message="\n".join(lines),
        from_email=None,
        recipient_list=[office_email],
    )


@transaction.atomic
def feedback_status_set(*, feedback: AccessibilityFeedback, status: str, user):
    """Mark a message answered (when and by whom) or new again; logged in the audit log."""
    if status == AccessibilityFeedback.Status.ANSWERED:
        if feedback.answered_at is None:  # keep the first answer's date and author
            feedback.answered_at, feedback.answered_by = timezone.now(), user
    else:
        feedback.answered_at, feedback.answered_by = None, None
    feedback.status = status
    feedback.full_clean()
    feedback.save()
    log(
        instance=feedback,
        action="wagtail.edit",
        user=user,
        data={"fields": ["status", "answered_at", "answered_by"]},
    )
    return feedback


# --- page translations (wagtail-localize) ------------------------------------------------------
class PageTranslationMismatch(Exception):
    """A translated page whose texts do not line up with its source's, string for string (a
    rich text with more or fewer paragraphs, a field written in one language only): it
    cannot be stated as wagtail-localize string translations without losing text."""


def _strings_by_path(segments) -> dict[str, list]:
    """The string segments extracted from a page, grouped by their field path, in order."""
    strings: dict[str, list] = {}
    for segment in segments:
        if isinstance(segment, StringSegmentValue):
            strings.setdefault(segment.path, []).append(segment)
    return strings


def _templates_by_path(segments) -> dict[str, str]:
    return {
        segment.path: segment.template
        for segment in segments
        if isinstance(segment, TemplateSegmentValue)
    }


@transaction.atomic
def page_translation_link(*, source: Page, translated: Page, user=None) -> Translation:
    """Make ``translated`` (a copy of ``source`` in another locale, same translation key) the
    wagtail-localize translation of ``source``: a TranslationSource of the source page as it
    is now, a Translation into the translated page's locale, and the translated page's own
    texts as the StringTranslations of the source's strings.

    So the translation editor shows the translated text, the Translations report lists the
    page, the translation counts as older than its source once the source is published
    again, and "Sync translated pages" keeps the translated text. Raises
    ``PageTranslationMismatch`` (and changes nothing) if the texts do not line up."""
    source, translated = source.specific, translated.specific
    source_segments = extract_segments(source)
    translated_segments = extract_segments(translated)
    wanted = _strings_by_path(source_segments)
    given = _strings_by_path(translated_segments)
    if set(wanted) != set(given) or any(len(wanted[path]) != len(given[path]) for path in wanted):
        raise PageTranslationMismatch(translated.pk)
    if _templates_by_path(source_segments) != _templates_by_path(translated_segments):
        raise PageTranslationMismatch(translated.pk)

    translation_source, _created = TranslationSource.update_or_create_from_instance(source)
    translation, _created = Translation.objects.update_or_create(
        source=translation_source,
        target_locale_id=translated.locale_id,
        defaults={"enabled": True},
    )
    contexts = {
        context.path: context
        for context in TranslationContext.objects.filter(object_id=source.translation_key)
    }
    for path, segments in wanted.items():
        for segment, text in zip(segments, given[path], strict=True):
            string = String.from_value(source.locale_id, segment.string)
            StringTranslation.objects.update_or_create(
                translation_of=string,
                locale_id=translated.locale_id,
                context=contexts[path],
                defaults={
                    "data": text.string.data,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "last_translated_by": user,
                },
            )
    return translation


@transaction.atomic
def page_translation_drafts_create(*, page: Page, user=None) -> list[Page]:
    """For a page an editor has just created: its wagtail-localize translation into each other
    language, saved as a draft with the page's text (to be translated in the translation
    editor, then published), where its parent is already translated and it has no version
    in that language yet. The drafts made."""
    page = page.specific
    drafts = []
    for locale in Locale.objects.exclude(pk=page.locale_id).order_by("language_code"):
        if page.get_translation_or_none(locale) is not None:
            continue
        if page.get_parent().get_translation_or_none(locale) is None:
            continue  # where it would go is not there yet; "Translate this page" can make it
        source, _created = TranslationSource.update_or_create_from_instance(page)
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        translation.save_target(user=user, publish=False)
        drafts.append(page.get_translation(locale))
    return drafts


@transaction.atomic
def document_store(*, path: Path, title: str):
    """A Wagtail document (in the root collection) holding a copy of the file at `path`;
    the one of that title and file name if it exists already."""
    Document = get_document_model()
    for document in Document.objects.filter(title=title):
        if document.filename.startswith(path.stem):
            return document
    with open(path, "rb") as handle:
        document = Document(title=title, file=File(handle, name=path.name))
        document._set_document_file_metadata()
        document.full_clean()
        document.save()
    return document


@transaction.atomic
def video_page_video_set(
    *,
    page: VideoPage,
    video,
    captions: dict[str, object],
    width: int,
    height: int,
    frame_rate: Decimal,
    duration: int,
) -> VideoPage:
    """Give the video page and each of its translations the video, its captions by language
    ("de", "en") and its facts, checked (VideoPage.clean), saved and published. These fields
    are the same in every language (wagtail-localize synchronises them)."""
    pages = [page.specific, *(p.specific for p in page.get_translations())]
    for each in pages:
        each.video = video
        each.captions_de = captions.get("de")
        each.captions_en = captions.get("en")
        each.width, each.height = width, height
        each.frame_rate, each.duration = frame_rate, duration
        each.full_clean()
    for each in pages:
        each.save_revision().publish()
    return page
