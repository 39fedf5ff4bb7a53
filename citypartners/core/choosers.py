"""Every snippet chooser searches (issue 14): a model Wagtail indexes with autocomplete
fields is searched by Wagtail's own search as one types; any other by its viewset's
``search_fields`` (each word in one of them), in the database."""

from functools import reduce
from operator import and_, or_

from django import forms
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.views.generic.chooser import BaseChooseView
from wagtail.search.index import class_is_indexed
from wagtail.snippets.views.chooser import SnippetChooserViewSet


def text_fields(model) -> list[str]:
    """The names of a model's own text fields: what a chooser searches when its viewset
    names none."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField)) and field.editable
    ]


def searched_by_wagtail(model) -> bool:
    """Whether Wagtail's search answers a chooser's query as one types (autocomplete)."""
    return bool(class_is_indexed(model) and model.get_autocomplete_search_fields())


def words_filter(fields, query: str) -> Q:
    """Each word of ``query`` in one of ``fields`` (any case)."""
    return reduce(
        and_,
        (
            reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields))
            for word in query.split()
        ),
        Q(),
    )


class FieldSearchForm(BaseFilterForm):
    """A chooser's search box that searches named fields in the database."""

    q = forms.CharField(
        label=_("Search term"),
        widget=forms.TextInput(attrs={"placeholder": _("Search")}),
        required=False,
    )
    searched_fields: tuple = ()

    def filter(self, objects):
        objects = super().filter(objects)
        query = (self.cleaned_data.get("q") or "").strip()
        if query:
            objects = objects.filter(words_filter(self.searched_fields, query)).distinct()
            self.is_searching = True
            self.search_query = query
        return objects


class SearchingChooseViewMixin:
    search_fields: tuple = ()

    def get_filter_form_class(self):
        form_class = super().get_filter_form_class()
        if searched_by_wagtail(self.model_class) or issubclass(form_class, FieldSearchForm):
            return form_class
        # Wagtail's own search box (a model indexed without autocomplete) makes way for ours.
        bases = tuple(
            b for b in form_class.__bases__ if b not in (SearchFilterMixin, BaseFilterForm)
        )
        fields = tuple(self.search_fields or text_fields(self.model_class))
        return type("FilterForm", (*bases, FieldSearchForm), {"searched_fields": fields})


class SearchingChooserViewSet(SnippetChooserViewSet):
    """A snippet chooser whose list has a search box that works (see the module)."""

    search_fields: tuple = ()

    def construct_view(self, view_class, **kwargs):
        if issubclass(view_class, BaseChooseView):
            view_class = type(view_class.__name__, (SearchingChooseViewMixin, view_class), {})
            kwargs["search_fields"] = tuple(self.search_fields or ())
        return super().construct_view(view_class, **kwargs)
