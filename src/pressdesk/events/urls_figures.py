"""Figures of events over a period, their export, and the report of one event afterwards."""

from django.urls import path

from pressdesk.events import views_figures

urlpatterns = [
    path("figures/", views_figures.figures, name="figures"),
    path("figures/export/", views_figures.figures_export, name="figures_export"),
    path("<int:pk>/report/", views_figures.report, name="report"),
]
