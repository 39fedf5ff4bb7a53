"""Amounts of money in euro: stored as decimals with two places, entered and shown in the
admin language's number format (German ``1.234,56 €``, English ``€1,234.56``).

Django reads a German "1.234,56" only with ``USE_THOUSAND_SEPARATOR`` on, which would also
group every number on the site (years as "2.024"); so amounts have a field of their own that
reads the language's separators strictly: a grouping that is not in threes ("1.5" in German)
is refused rather than read as something the editor did not mean.
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import formats, numberformat
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

MAX_DIGITS = 12
DECIMAL_PLACES = 2


def _separators() -> tuple[str, str]:
    return formats.get_format("DECIMAL_SEPARATOR"), formats.get_format("THOUSAND_SEPARATOR")


def amount_number(value) -> str:
    """An amount in the active language's format, grouped, two decimals: "1.234,56"."""
    if value is None:
        return ""
    decimal_sep, thousand_sep = _separators()
    return numberformat.format(
        Decimal(value).quantize(Decimal("0.01")),
        decimal_sep,
        decimal_pos=DECIMAL_PLACES,
        grouping=3,
        thousand_sep=thousand_sep,
        force_grouping=True,
    )


def euro(value) -> str:
    """An amount in euro as the active language writes it: "1.234,56 €" or "€1,234.56";
    "" for none."""
    if value is None:
        return ""
    number = amount_number(value)
    if (get_language() or "").startswith("de"):
        return f"{number}\N{NO-BREAK SPACE}€"
    return f"€{number}"


def parse_amount(text: str) -> Decimal:
    """The amount an editor typed, read with the active language's separators; the euro sign
    and spaces may be given. ValueError if it is not an amount in that format."""
    decimal_sep, thousand_sep = _separators()
    cleaned = re.sub(r"[\s\N{NO-BREAK SPACE}\N{NARROW NO-BREAK SPACE}€]", "", text or "")
    sign = "-" if cleaned.startswith(("-", "\N{MINUS SIGN}")) else ""
    whole, _sep, fraction = cleaned.lstrip("-\N{MINUS SIGN}").partition(decimal_sep)
    if not whole and not fraction:
        raise ValueError(text)
    if thousand_sep and thousand_sep in whole:
        groups = whole.split(thousand_sep)
        if not (1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])):
            raise ValueError(text)
        whole = "".join(groups)
    if not re.fullmatch(r"\d*", whole) or not re.fullmatch(r"\d*", fraction):
        raise ValueError(text)
    try:
        return Decimal(f"{sign}{whole or '0'}.{fraction or '0'}")
    except InvalidOperation as error:
        raise ValueError(text) from error


class AmountInput(forms.TextInput):
    """A text box (a number box would refuse the thousands separator) showing the amount in
    the admin language's format."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
            return amount_number(value)
        return super().format_value(value)


class EuroFormField(forms.DecimalField):
    """An amount in euro, typed in the admin language's format."""

    widget = AmountInput

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        kwargs.pop("localize", None)
        super().__init__(**kwargs)
        self.widget.attrs.pop("step", None)

    def widget_attrs(self, widget):
        return {}  # no "step" or "min" for a text box

    def to_python(self, value):
        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, Decimal):
            return value
        try:
            return parse_amount(str(value))
        except ValueError:
            example = euro(Decimal("1234.56"))
            raise forms.ValidationError(
                _("“%(value)s” is not an amount in euro. Write it as %(example)s."),
                code="invalid",
                params={"value": value, "example": example},
            ) from None


class EuroField(models.DecimalField):
    """An amount in euro, at least zero, with two decimal places."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        kwargs.setdefault("validators", [MinValueValidator(Decimal("0"))])
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": EuroFormField, **kwargs})
