from django.urls import include, path

app_name = "events"

# Each part of the module keeps its own URL list: pages (calendar, event, planning), people around an event
# (invitations and registrations), the work around it (questions, staffing, logistics) and figures.
urlpatterns = [
    path("", include("pressdesk.events.urls_pages")),
    path("", include("pressdesk.events.urls_people")),
    path("", include("pressdesk.events.urls_work")),
    path("", include("pressdesk.events.urls_figures")),
]
