from django.urls import path

from pressdesk.core.views.signin import password_reset_urls, recovery_codes
from pressdesk.portal import accreditation_urls, embargoed, event_questions, events, inquiries, subscription_urls, views

app_name = "portal"

urlpatterns = [
    path("", views.account, name="account"),
    path("requests/", inquiries.request_list, name="requests"),
    path("requests/new/", inquiries.request_new, name="request_new"),
    path("requests/<int:pk>/", inquiries.request_detail, name="request"),
    path("requests/<int:pk>/files/<int:attachment_pk>/", inquiries.request_attachment, name="request_attachment"),
    path("events/", events.event_list, name="events"),
    path("events/<int:pk>/", events.event_detail, name="event"),
    path("events/<int:pk>/question/", event_questions.event_question, name="event_question"),
    path("embargoed/", embargoed.embargoed_list, name="embargoed_list"),
    path("embargoed/<int:pk>/", embargoed.embargoed_detail, name="embargoed"),
    *accreditation_urls.urlpatterns,
    *subscription_urls.urlpatterns,
    path("signup/", views.sign_up, name="signup"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("signin/", views.sign_in, name="signin"),
    path("signin/code/", views.sign_in_code, name="signin_code"),
    path("second-factor/", views.enrol_factor, name="enrol_factor"),
    path("recovery-codes/", recovery_codes, {"continue_to": "portal:account"}, name="recovery_codes"),
    *password_reset_urls(
        "portal",
        door="portal",
        prefix="reset/",
        request_template="portal/password_reset.html",
        done_template="portal/password_reset_done.html",
    ),
]
