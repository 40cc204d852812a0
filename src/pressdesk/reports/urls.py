from django.urls import path

from pressdesk.reports import views, views_schedules

app_name = "reports"

urlpatterns = [
    path("", views.analytics, name="analytics"),
    path("report.pdf", views.report_pdf, name="report_pdf"),
    path("report.xlsx", views.report_xlsx, name="report_xlsx"),
    path("schedules/", views_schedules.schedules, name="schedules"),
    path("schedules/new/<int:unit_id>/", views_schedules.schedule_new, name="schedule_new"),
    path("schedules/<int:pk>/", views_schedules.schedule_edit, name="schedule_edit"),
    path("schedules/<int:pk>/active/", views_schedules.schedule_active, name="schedule_active"),
]
