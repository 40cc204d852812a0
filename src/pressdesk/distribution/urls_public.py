"""Addresses a recipient reaches from a letter, without signing in: the token is the authority."""

from django.urls import path  # noqa: F401

app_name = "mail"
urlpatterns: list = []
