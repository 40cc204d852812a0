"""Check-in addresses of accreditation, spread into ``accreditation/urls.py`` (namespace ``accreditation``)."""

from django.urls import path

from pressdesk.accreditation import checkin_api, views_checkin

urlpatterns = [
    path("check-in/", views_checkin.checkin, name="checkin"),
    path("check-in/photo/<int:pk>/", views_checkin.checkin_photo, name="checkin_photo"),
    path("check-in/keys.json", checkin_api.keys, name="checkin_keys"),
    path("check-in/revocations.json", checkin_api.revocations, name="checkin_revocations"),
    path("check-in/roster.json", checkin_api.roster_json, name="checkin_roster"),
    path("check-in/sync", checkin_api.sync, name="checkin_sync"),
]
