"""Country names in German and English from Babel's CLDR data, never typed by hand."""

from functools import cache

from babel import Locale
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from citypartners.core.i18n import current_language


@cache
def _territories(language: str) -> dict[str, str]:
    # CLDR territories include regions such as "001" (world); keep two-letter countries.
    return {
        code: name
        for code, name in Locale(language).territories.items()
        if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "XA", "XB"}
    }


def country_name(code: str, language: str | None = None) -> str:
    """The country's name in `language` (default: the active language)."""
    return _territories(language or current_language()).get(code.upper(), code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    names = _territories(language or current_language())
    return sorted(names.items(), key=lambda item: item[1])


def validate_country_code(value: str) -> None:
    if value not in _territories("en"):
        raise ValidationError(
            _("“%(code)s” is not an ISO 3166 country code, such as DE or FR."),
            code="unknown_country",
            params={"code": value},
        )
