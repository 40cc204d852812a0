"""Filled in by the urls_media work."""

urlpatterns: list = []
