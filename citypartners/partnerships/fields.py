"""Form fields that choose reference data by slug, so that addresses read well and last."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from citypartners.core.forms import QuickSelect

from .models import City
from .selectors import cities_public


class SlugChoiceField(forms.ModelChoiceField):
    """Chooses an object by its slug; shows its name in the reader's language."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(queryset, to_field_name="slug", **kwargs)

    def label_from_instance(self, obj):
        return obj.name


# Up to this many partner cities, a list to choose from; above it (a country's or a
# continent's installation has thousands) a text field for the city's name: a list of
# thousands weighs hundreds of kilobytes on every page that has the form, and helps nobody.
MAX_LISTED_CITIES = 300
_NAME_AND_COUNTRY = re.compile(r"^(?P<name>.+?)\s*\((?P<country>[A-Za-z]{2})\)$")


class PartnerCityField(SlugChoiceField):
    """One of the cities that have a partnership, offered by name in the reader's language.

    The queryset is set when a form is made (see `bind_partner_cities`), so that it holds
    the cities that have a partnership at that moment. Above MAX_LISTED_CITIES the field is
    a text field: the city's slug (as links carry it), its name in any language, or, where
    several cities share a name, the name with the country code ("Paris (FR)").
    """

    by_name = False

    def __init__(self, **kwargs):
        super().__init__(City.objects.none(), **kwargs)

    def bind_partner_cities(self):
        cities = cities_public()  # a draft city or partnership is offered nowhere
        self.queryset = cities
        listed = list(cities.order_by("pk")[: MAX_LISTED_CITIES + 1])
        if len(listed) <= MAX_LISTED_CITIES:
            self.choices = [("", self.empty_label)] + sorted(
                ((c.slug, c.name) for c in listed), key=lambda item: item[1].casefold()
            )
            return
        self.by_name = True
        self.widget = forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"})
        self.help_text = _("Write the partner city's name.")

    def to_python(self, value):
        if not self.by_name:
            return super().to_python(value)
        if value in self.empty_values:
            return None
        text = " ".join(str(value).split())
        found = self.queryset.filter(slug=text).first()
        if found is not None:
            return found
        country = None
        match = _NAME_AND_COUNTRY.match(text)
        if match:
            text, country = match["name"], match["country"].upper()
        named = self.queryset.filter(
            Q(name_de__iexact=text) | Q(name_en__iexact=text) | Q(name_local__iexact=text)
        )
        if country:
            named = named.filter(country_code=country)
        matches = list(named.order_by("country_code", "pk")[:6])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        raise ValidationError(
            _("Several partner cities have this name: %(cities)s. Write one as shown."),
            code="ambiguous",
            params={"cities": ", ".join(f"{c.name} ({c.country_code})" for c in matches)},
        )


class PartnerCityFormMixin:
    """Gives every PartnerCityField of a form its cities when the form is made."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, PartnerCityField):
                field.bind_partner_cities()
