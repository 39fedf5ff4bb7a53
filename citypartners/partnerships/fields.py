"""Form fields that choose reference data by slug, so that addresses read well and last."""

from django import forms

from citypartners.core.forms import QuickSelect

from .models import City


class SlugChoiceField(forms.ModelChoiceField):
    """Chooses an object by its slug; shows its name in the reader's language."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", QuickSelect)
        super().__init__(queryset, to_field_name="slug", **kwargs)

    def label_from_instance(self, obj):
        return obj.name


class PartnerCityField(SlugChoiceField):
    """One of the cities that have a partnership, offered by name in the reader's language.

    The queryset is set when a form is made (see `bind_partner_cities`), so that it holds
    the cities that have a partnership at that moment.
    """

    def __init__(self, **kwargs):
        super().__init__(City.objects.none(), **kwargs)

    def bind_partner_cities(self):
        cities = City.objects.filter(partnerships__isnull=False).distinct()
        self.queryset = cities
        self.choices = [("", self.empty_label)] + sorted(
            ((c.slug, c.name) for c in cities), key=lambda item: item[1].casefold()
        )


class PartnerCityFormMixin:
    """Gives every PartnerCityField of a form its cities when the form is made."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, PartnerCityField):
                field.bind_partner_cities()
