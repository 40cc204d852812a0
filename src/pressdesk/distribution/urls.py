from django.urls import path

from pressdesk.distribution import views, views_log, views_settings, views_steps

app_name = "distribution"
urlpatterns = [
    path("", views.mailing_list, name="list"),
    path("new/", views.mailing_new, name="new"),
    path("<int:pk>/", views.mailing_detail, name="detail"),
    path("<int:pk>/letter/<str:language>/", views.preview_html, name="preview_html"),
    path("<int:pk>/test/", views_steps.send_test, name="test"),
    path("<int:pk>/start/", views_steps.start, name="start"),
    path("<int:pk>/pause/", views_steps.pause, name="pause"),
    path("<int:pk>/resume/", views_steps.resume, name="resume"),
    path("<int:pk>/cancel/", views_steps.cancel, name="cancel"),
    path("<int:pk>/resend/", views_steps.resend, name="resend"),
    path("<int:pk>/log/", views_log.delivery_log, name="log"),
    path("<int:pk>/log.<str:fmt>", views_log.delivery_export, name="export"),
    path("settings/", views_settings.unit_settings_list, name="settings"),
    path("settings/<int:unit_id>/", views_settings.unit_settings, name="unit_settings"),
]
