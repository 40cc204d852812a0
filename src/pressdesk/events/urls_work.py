"""Filled in by the urls_work work."""

urlpatterns: list = []
