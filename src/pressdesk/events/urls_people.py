"""People around an event: invitations, registrations, check-in, and the personal answer link."""

from django.urls import path

from pressdesk.events import views_people

urlpatterns = [
    path("<int:pk>/invitations/", views_people.invitation_list, name="invitations"),
    path("<int:pk>/registrations/", views_people.registration_list, name="registrations"),
    path(
        "<int:pk>/registrations/<int:registration_pk>/cancel/",
        views_people.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "<int:pk>/registrations/<int:registration_pk>/present/",
        views_people.registration_check_in,
        name="registration_check_in",
    ),
    path("rsvp/<str:token>/", views_people.rsvp, name="rsvp"),
]
