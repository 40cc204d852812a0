from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from pressdesk.core.views.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/", include("pressdesk.api.urls")),
    path("files/", include("pressdesk.publications.urls_files")),
    path("", include("pressdesk.portal.newsroom.urls_root")),
]

urlpatterns += i18n_patterns(
    path("portal/", include("pressdesk.portal.urls")),
    path("directory/", include("pressdesk.directory.urls")),
    path("inquiries/", include("pressdesk.inquiries.urls")),
    path("materials/", include("pressdesk.publications.urls")),
    path("events/", include("pressdesk.events.urls")),
    path("distribution/", include("pressdesk.distribution.urls")),
    path("mail/", include("pressdesk.distribution.urls_public")),
    path("accreditation/", include("pressdesk.accreditation.urls")),
    path("monitoring/", include("pressdesk.monitoring.urls")),
    path("planning/", include("pressdesk.planning.urls")),
    path("reports/", include("pressdesk.reports.urls")),
    path("api-tokens/", include("pressdesk.api.urls_pages")),
    path("", include("pressdesk.core.urls")),
    path("", include("pressdesk.portal.newsroom.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    urlpatterns.append(path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT}))

handler403 = "pressdesk.core.views.errors.forbidden"
handler404 = "pressdesk.core.views.errors.not_found"
handler500 = "pressdesk.core.views.errors.server_error"
