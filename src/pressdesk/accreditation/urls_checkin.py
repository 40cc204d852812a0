"""Staff addresses of accreditation, spread into ``accreditation/urls.py`` (namespace ``accreditation``)."""

urlpatterns: list = []
