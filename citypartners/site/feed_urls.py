"""The activity feeds, under the language prefix: /<lang>/feeds/…"""

from django.urls import path

from . import feeds as views

app_name = "feeds"

urlpatterns = [
    path("activities.ics", views.ical_all, name="ical_all"),
    path("activities.atom", views.atom, name="atom"),
    path("city/<slug:slug>.ics", views.ical_city, name="ical_city"),
    path("focus/<slug:slug>.ics", views.ical_focus, name="ical_focus"),
    path("activity/<slug:slug>.ics", views.ical_one, name="ical_one"),
]
