from django.urls import path

from pressdesk.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.account, name="account"),
    path("signup/", views.sign_up, name="signup"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("signin/", views.sign_in, name="signin"),
    path("signin/code/", views.sign_in_code, name="signin_code"),
    path("second-factor/", views.enrol_factor, name="enrol_factor"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("reset/", views.password_reset, name="password_reset"),
    path("reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path("reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("reset/done/", views.password_reset_done, name="password_reset_done"),
]
