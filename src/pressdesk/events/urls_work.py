"""The work around an event: questions, press-centre duties and the run sheet, logistics (names in "events")."""

from django.urls import path

from pressdesk.events import views_work

urlpatterns = [
    path("<int:pk>/questions/", views_work.question_list, name="questions"),
    path("<int:pk>/questions/<int:question_pk>/<slug:step>/", views_work.question_step, name="question_step"),
    path("<int:pk>/duties/", views_work.duty_list, name="duties"),
    path("<int:pk>/duties/<int:duty_pk>/remove/", views_work.duty_remove, name="duty_remove"),
    path("<int:pk>/run-sheet.pdf", views_work.run_sheet_pdf, name="run_sheet"),
    path("<int:pk>/logistics/", views_work.arrangement_list, name="logistics"),
    path("<int:pk>/logistics/<int:arrangement_pk>/", views_work.arrangement_edit, name="arrangement_edit"),
    path("<int:pk>/logistics/<int:arrangement_pk>/remove/", views_work.arrangement_remove, name="arrangement_remove"),
    path("<int:pk>/logistics.pdf", views_work.logistics_pdf, name="logistics_print"),
]
