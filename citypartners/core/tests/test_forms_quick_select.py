"""QuickSelect writes exactly what Django's Select templates write, whatever the options."""

import pytest
from django import forms

from citypartners.core.forms import QuickSelect

CHOICES = [
    ("", "All partner cities"),
    ("paris", "Paris"),
    ("sao-paulo", "São Paulo"),
    ("a&b", 'Tricky <"name"> & more'),
    (7, "A number"),
]
GROUPED = [("", "None"), ("Europe", [("paris", "Paris"), ("rome", "Rom")]), ("x", "X")]


@pytest.mark.parametrize("choices", [CHOICES, GROUPED, []])
@pytest.mark.parametrize("value", [None, "", "paris", "a&b", 7, "unknown"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_city"}, {"id": "x", "aria-describedby": 'a"b', "disabled": True}]
)
def test_quick_select_writes_what_django_writes(choices, value, attrs):
    django_select = forms.Select(choices=choices)
    quick = QuickSelect(choices=choices)
    assert quick.render("city", value, attrs) == django_select.render("city", value, attrs)


def test_a_required_select_with_a_selected_option_matches_too():
    django_select = forms.Select(choices=CHOICES, attrs={"required": True, "hidden": False})
    quick = QuickSelect(choices=CHOICES, attrs={"required": True, "hidden": False})
    assert quick.render("q", "paris") == django_select.render("q", "paris")
