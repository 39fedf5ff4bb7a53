"""The languages a partner city's summary can be written in: a curated list of BCP 47 codes,
each with its own name (as it is written in running text) and its name in the page's language.

Right-to-left is a property of the language, never typed by an editor (RIGHT_TO_LEFT)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SummaryLanguage:
    code: str  # BCP 47, as in lang="…"
    self_name: str  # the language's name in itself, for "Also in: polski, français"
    name: str  # in the reader's language (lazy)


# The partner cities' languages a city's office is likely to write in; ordered by code.
SUMMARY_LANGUAGES = {
    language.code: language
    for language in (
        SummaryLanguage("ar", "العربية", _("Arabic")),
        SummaryLanguage("bg", "български", _("Bulgarian")),
        SummaryLanguage("cs", "čeština", _("Czech")),
        SummaryLanguage("da", "dansk", _("Danish")),
        SummaryLanguage("el", "ελληνικά", _("Greek")),
        SummaryLanguage("es", "español", _("Spanish")),
        SummaryLanguage("fa", "فارسی", _("Persian")),
        SummaryLanguage("fr", "français", _("French")),
        SummaryLanguage("he", "עברית", _("Hebrew")),
        SummaryLanguage("hu", "magyar", _("Hungarian")),
        SummaryLanguage("id", "Bahasa Indonesia", _("Indonesian")),
        SummaryLanguage("it", "italiano", _("Italian")),
        SummaryLanguage("ja", "日本語", _("Japanese")),
        SummaryLanguage("ko", "한국어", _("Korean")),
        SummaryLanguage("lt", "lietuvių", _("Lithuanian")),
        SummaryLanguage("nl", "Nederlands", _("Dutch")),
        SummaryLanguage("pl", "polski", _("Polish")),
        SummaryLanguage("pt", "português", _("Portuguese")),
        SummaryLanguage("ro", "română", _("Romanian")),
        SummaryLanguage("ru", "русский", _("Russian")),
        SummaryLanguage("sv", "svenska", _("Swedish")),
        SummaryLanguage("tr", "Türkçe", _("Turkish")),
        SummaryLanguage("uk", "українська", _("Ukrainian")),
        SummaryLanguage("ur", "اردو", _("Urdu")),
        SummaryLanguage("uz", "oʻzbekcha", _("Uzbek")),
        SummaryLanguage("vi", "Tiếng Việt", _("Vietnamese")),
        SummaryLanguage("yi", "ייִדיש", _("Yiddish")),
        SummaryLanguage("zh-Hans", "简体中文", _("Chinese (simplified)")),
        SummaryLanguage("zh-Hant", "繁體中文", _("Chinese (traditional)")),
    )
}

# Languages written from right to left (Arabic, Persian, Hebrew, Urdu, Yiddish script).
RIGHT_TO_LEFT = frozenset({"ar", "fa", "he", "ur", "yi"})


def language_choices() -> list[tuple[str, str]]:
    """For the back office's select: "Polish – polski (pl)", in the editor's language."""
    return sorted(
        (
            (code, f"{lang.name} – {lang.self_name} ({code})")
            for code, lang in SUMMARY_LANGUAGES.items()
        ),
        key=lambda choice: choice[1].casefold(),
    )


def direction(code: str) -> str:
    """ "rtl" or "ltr" for a language code (its primary subtag decides)."""
    return "rtl" if code.split("-")[0].lower() in RIGHT_TO_LEFT else "ltr"


def validate_summary_language(value: str) -> None:
    if value not in SUMMARY_LANGUAGES:
        raise ValidationError(
            _(
                "“%(value)s” is not one of the languages offered for summaries. Choose one "
                "from the list (codes as in BCP 47, for example pl, he or zh-Hans)."
            ),
            code="unknown_language",
            params={"value": value},
        )
