from django.http import HttpResponse
from django.urls import path

from pressdesk.core.permissions import public_view
from pressdesk.urls import handler403, handler404, handler500  # noqa: F401
from pressdesk.urls import urlpatterns as app_urlpatterns


@public_view
def trivial(request):
    return HttpResponse("ok")


urlpatterns = [path("bench/trivial", trivial), *app_urlpatterns]
