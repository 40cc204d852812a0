"""Addresses a recipient reaches from a letter, without signing in: the token is the authority."""

from django.urls import path

from pressdesk.distribution import views_public

app_name = "mail"
urlpatterns = [
    path("unsubscribe/<str:token>/", views_public.unsubscribe, name="unsubscribe"),
]
