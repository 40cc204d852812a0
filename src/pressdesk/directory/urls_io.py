"""Import and export pages of the directory."""

from django.urls import path, re_path

from pressdesk.directory.views import io

app_name = "directory"
urlpatterns: list = [
    path("imports/", io.import_upload, name="imports"),
    path("imports/<int:pk>/", io.import_job, name="import_job"),
    path("imports/<int:pk>/start/", io.import_start, name="import_start"),
    path("imports/<int:pk>/status/", io.import_status, name="import_status"),
    re_path(r"^journalists/export\.(?P<fmt>csv|xlsx|vcf)$", io.journalists_export, name="journalists_export"),
    re_path(r"^outlets/export\.(?P<fmt>csv|xlsx)$", io.outlets_export, name="outlets_export"),
]
