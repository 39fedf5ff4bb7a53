from django import template

from citypartners.core.admin_lists import precise_date as _precise_date

from .. import text

register = template.Library()

register.filter("activity_dates", text.activity_dates)
register.filter("activity_place", text.activity_place)
register.filter("activity_participants", text.activity_participants)
register.filter("names", text.names)
register.filter("since", text.since)
register.filter("status_over_period", text.status_over_period)
register.filter("project_period", text.project_period)


@register.filter
def precise_date(value, precision="day"):
    return _precise_date(value, precision)


@register.filter
def cell(matrix, pair):
    city, area = pair
    return matrix.cell(city, area)


@register.filter
def count(value):
    return text.count(value)


@register.filter
def euro(value):
    return text.euro(value)


@register.filter
def source_label(value):
    return text.source_label(value)
