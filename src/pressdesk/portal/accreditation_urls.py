"""Portal addresses of one module, spread into ``portal/urls.py`` (namespace ``portal``)."""

urlpatterns: list = []
