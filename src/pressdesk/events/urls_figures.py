"""Filled in by the urls_figures work."""

urlpatterns: list = []
