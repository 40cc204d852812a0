from django.urls import path, re_path

from pressdesk.inquiries import views, views_files, views_report

app_name = "inquiries"
urlpatterns = [
    path("", views.inquiry_list, name="list"),
    path("new/", views.inquiry_new, name="new"),
    path("report/", views_report.inquiry_report, name="report"),
    re_path(r"^report/export\.(?P<fmt>csv|xlsx)$", views_report.inquiry_report_export, name="report_export"),
    path("<int:pk>/", views.inquiry_detail, name="detail"),
    path("<int:pk>/files/<int:attachment_pk>/", views_files.attachment_download, name="attachment"),
    path("<int:pk>/assign/", views.inquiry_assign, name="assign"),
    path("<int:pk>/note/", views.inquiry_note, name="note"),
    path("<int:pk>/draft/", views.inquiry_draft, name="draft"),
    path("<int:pk>/escalate/", views.inquiry_escalate, name="escalate"),
    path("<int:pk>/extend/", views.inquiry_extend, name="extend"),
    path("<int:pk>/notice/", views.inquiry_notice, name="notice"),
    path("<int:pk>/send/", views.inquiry_send, name="send"),
    path("<int:pk>/refuse/", views.inquiry_refuse, name="refuse"),
]
