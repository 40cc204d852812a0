"""Filled in by the urls_people work."""

urlpatterns: list = []
