"""Template variables every page needs."""

from .home_city import home_city


def home_city_context(request):
    """`home_city`: the office's city (name, place, time zone) for captions and labels."""
    return {"home_city": home_city()}
