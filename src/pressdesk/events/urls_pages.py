"""The event pages: the calendar, planning, one event, venues, absences and the unit's iCalendar feed."""

from django.urls import path

from pressdesk.events import views

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_new, name="new"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/change/", views.event_edit, name="edit"),
    path("<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("<int:pk>/held/", views.event_held, name="held"),
    path("<int:pk>/materials/", views.event_materials, name="materials"),
    path("venues/", views.venues, name="venues"),
    path("venues/<int:pk>/", views.venues, name="venue_edit"),
    path("absences/", views.absences, name="absences"),
    path("absences/<int:pk>/remove/", views.absence_remove, name="absence_remove"),
    path("ical/<int:unit_id>.ics", views.ical_feed, name="ical"),
]
