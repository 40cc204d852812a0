"""Filled in by the urls_bulletins work."""

urlpatterns: list = []
