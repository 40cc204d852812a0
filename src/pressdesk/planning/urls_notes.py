"""Advice notes for the head (under notes/)."""

from django.urls import path

from pressdesk.planning import views_notes

urlpatterns = [
    path("", views_notes.note_list, name="notes"),
    path("new/", views_notes.note_new, name="note_new"),
    path("<int:pk>/", views_notes.note_detail, name="note"),
    path("<int:pk>/change/", views_notes.note_edit, name="note_edit"),
    path("<int:pk>/evidence/", views_notes.note_attach, name="note_attach"),
    path("<int:pk>/evidence/<int:clipping_id>/remove/", views_notes.note_detach, name="note_detach"),
    path("<int:pk>/figures/", views_notes.note_figures, name="note_figures"),
    path("<int:pk>/give/", views_notes.note_give, name="note_give"),
    path("<int:pk>/decide/", views_notes.note_decide, name="note_decide"),
    path("<int:pk>/pdf/", views_notes.note_pdf, name="note_pdf"),
]
