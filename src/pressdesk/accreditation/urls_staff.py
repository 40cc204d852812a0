"""Staff addresses of accreditation, spread into ``accreditation/urls.py`` (namespace ``accreditation``)."""

from django.urls import path

from pressdesk.accreditation import views_files, views_lists, views_passes, views_review

urlpatterns = [
    path("", views_review.queue, name="list"),
    path("applications/<int:pk>/", views_review.application_detail, name="application"),
    path("applications/<int:pk>/start/", views_review.application_start, name="application_start"),
    path("applications/<int:pk>/approve/", views_review.application_approve, name="application_approve"),
    path("applications/<int:pk>/reject/", views_review.application_reject, name="application_reject"),
    path("applications/<int:pk>/withdraw/", views_review.application_withdraw, name="application_withdraw"),
    path("applications/<int:pk>/letter/", views_files.application_letter, name="application_letter"),
    path("applications/<int:pk>/photo/", views_files.application_photo, name="application_photo"),
    path("register/", views_passes.register_list, name="register"),
    path("register/export/", views_passes.register_export, name="register_export"),
    path("passes/<int:pk>/", views_passes.pass_detail, name="pass"),
    path("passes/<int:pk>/pdf/", views_files.pass_pdf, name="pass_pdf"),
    path("passes/<int:pk>/<slug:change>/", views_passes.pass_change, name="pass_change"),
    path("lists/", views_lists.list_page, name="lists"),
    path("lists/<slug:kind>/new/", views_lists.list_add, name="list_add"),
    path("lists/<slug:kind>/<int:pk>/", views_lists.list_entry, name="list_entry"),
    path("lists/<slug:kind>/<int:pk>/retire/", views_lists.list_retire, name="list_retire"),
]
