"""Filled in by the urls_files work."""

urlpatterns: list = []
