"""/api/…: the JSON API. Outside the language prefix; the language of error texts comes from Accept-Language."""

from django.http import HttpRequest, JsonResponse
from django.urls import re_path
from django.utils.translation import gettext as _

from pressdesk.api.main import api
from pressdesk.core.permissions import public_view

# Included under the namespace "api", the one ninja reverses its own root in (urls_namespace).
app_name = "api"
patterns, _app_name, _namespace = api.urls


@public_view
def not_found(request: HttpRequest) -> JsonResponse:
    """A wrong address under /api/ answers in JSON too, not with the HTML 404 page."""
    return JsonResponse({"detail": _("There is nothing at this address.")}, status=404)


urlpatterns = [*patterns, re_path(r"", not_found)]
