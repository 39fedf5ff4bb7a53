"""How an activity's date and time read: in home-city time, and local time where it differs."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from citypartners.core.home_city import home_city
from citypartners.site.templatetags.citypartners_tags import partner_date

register = template.Library()


def _zone_label(zone_name: str) -> str:
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


@register.simple_tag
def activity_when(activity):
    """A readable date or time span of the activity; a <time> element for machines."""
    start, end = activity.compute_bounds()
    if activity.all_day or activity.start_time is None:
        first = start.date()
        last = (
            (end - timezone.timedelta(days=1)).date() if activity.date_precision == "day" else first
        )
        text = partner_date(first, activity.date_precision)
        if last != first:
            text = f"{text} – {partner_date(last)}"
        return format_html('<time datetime="{}">{}</time>', first.isoformat(), text)
    city = home_city()
    home_start = timezone.localtime(start, city.zone)
    home_end = timezone.localtime(end, city.zone)
    text = date_format(home_start, "DATETIME_FORMAT")
    if end > start:
        if home_end.date() == home_start.date():
            text += " – " + time_format(home_end, "TIME_FORMAT")
        else:
            text += " – " + date_format(home_end, "DATETIME_FORMAT")
    html = format_html('<time datetime="{}">{}</time>', start.isoformat(), text)
    local = start.astimezone(activity.zone)
    if local.utcoffset() != home_start.utcoffset():
        html = format_html("{} {}", html, _("%(city)s time") % {"city": city.name})
        label = _("local time in %(place)s") % {"place": _zone_label(activity.timezone)}
        local_text = date_format(local, "DATETIME_FORMAT")
        html = format_html('{} <span class="local-time">({}: {})</span>', html, label, local_text)
    return html
