"""The files of the media library at /files/ (no language prefix: a file is the same in every language)."""

from django.urls import path

from pressdesk.publications import views_files

urlpatterns = [
    path("<int:pk>/", views_files.media_file, name="media_file"),
    path("<int:pk>/thumb/", views_files.media_thumb, name="media_thumb"),
]
