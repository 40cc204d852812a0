"""Bulletins, mounted at materials/bulletins/ inside the "publications" namespace (so no app_name here)."""

from django.urls import path

from pressdesk.publications import views_bulletins as views

urlpatterns = [
    path("", views.bulletin_list, name="bulletin_list"),
    path("new/", views.bulletin_new, name="bulletin_new"),
    path("<int:pk>/", views.bulletin_detail, name="bulletin_detail"),
    path("<int:pk>/edit/", views.bulletin_edit, name="bulletin_edit"),
    path("<int:pk>/pdf/", views.bulletin_download, name="bulletin_pdf"),
]
