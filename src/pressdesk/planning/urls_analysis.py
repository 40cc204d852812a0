"""Analyses of events, campaigns and periods (under analyses/)."""

from django.urls import path

from pressdesk.planning import views_analysis

urlpatterns = [
    path("", views_analysis.analysis_list, name="analyses"),
    path("new/", views_analysis.analysis_new, name="analysis_new"),
    path("<int:pk>/", views_analysis.analysis_detail, name="analysis"),
    path("<int:pk>/conclusions/", views_analysis.analysis_edit, name="analysis_edit"),
    path("<int:pk>/refresh/", views_analysis.analysis_refresh, name="analysis_refresh"),
    path("<int:pk>/final/", views_analysis.analysis_final, name="analysis_final"),
    path("<int:pk>/pdf/", views_analysis.analysis_pdf, name="analysis_pdf"),
    path("<int:pk>/xlsx/", views_analysis.analysis_xlsx, name="analysis_xlsx"),
]
