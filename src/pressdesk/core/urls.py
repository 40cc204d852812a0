from django.urls import path

from pressdesk.core.views import account, calendar, pages, signin

app_name = "core"

urlpatterns = [
    path("desk/", pages.dashboard, name="dashboard"),
    path("signin/", signin.signin_password, name="signin"),
    path("signin/code/", signin.signin_code, name="signin_code"),
    path("signin/setup/", signin.signin_enrol, name="signin_enrol"),
    path("signin/recovery-codes/", signin.recovery_codes, name="recovery_codes"),
    path("signout/", signin.signout, name="signout"),
    *signin.password_reset_urls(
        "core",
        door="staff",
        prefix="signin/reset/",
        request_template="core/password_reset.html",
        done_template="core/password_reset_done.html",
    ),
    path("account/", account.account, name="account"),
    path("account/recovery-codes/", account.account_recovery_codes, name="account_recovery_codes"),
    path(
        "account/recovery-codes/new/",
        signin.recovery_codes,
        {"continue_to": "core:account"},
        name="account_recovery_codes_show",
    ),
    path("modules/<slug:key>/", pages.planned_module, name="planned_module"),
    path("units/", pages.unit_list, name="unit_list"),
    path("units/<int:unit_id>/", pages.unit_detail, name="unit_detail"),
    path("units/<int:unit_id>/roles/new/", pages.unit_grant_role, name="unit_grant_role"),
    path("units/<int:unit_id>/roles/<int:membership_id>/revoke/", pages.unit_revoke_role, name="unit_revoke_role"),
    path("audit/", pages.audit_list, name="audit_list"),
    path("security/", pages.security, name="security"),
    path("security/unlock/<int:user_id>/", pages.security_unlock, name="security_unlock"),
    path("security/reset-factor/<int:user_id>/", pages.security_reset_factor, name="security_reset_factor"),
    path("calendar/", calendar.calendar_year, name="calendar"),
    path("calendar/<int:year>/", calendar.calendar_year, name="calendar_year"),
]
