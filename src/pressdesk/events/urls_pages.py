"""Filled in by the urls_pages work."""

urlpatterns: list = []
