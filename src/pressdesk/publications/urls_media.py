"""The media library's pages, inside the "publications" namespace of publications/urls.py (no app_name of their own)."""

from django.urls import path

from pressdesk.publications import views_media

urlpatterns = [
    path("", views_media.media_list, name="media_list"),
    path("upload/", views_media.media_upload, name="media_upload"),
    path("<int:pk>/", views_media.media_detail, name="media_detail"),
    path("<int:pk>/remove/", views_media.media_remove, name="media_remove"),
]
