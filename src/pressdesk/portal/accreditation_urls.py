"""Portal addresses of accreditation, spread into ``portal/urls.py`` (namespace ``portal``)."""

from django.urls import path

from pressdesk.portal import accreditation

urlpatterns = [
    path("accreditation/", accreditation.accreditation_status, name="accreditation"),
    path("accreditation/apply/", accreditation.accreditation_apply, name="accreditation_apply"),
    path(
        "accreditation/applications/<int:pk>/withdraw/",
        accreditation.accreditation_withdraw,
        name="accreditation_withdraw",
    ),
    path("accreditation/passes/<int:pk>/pdf/", accreditation.accreditation_pass_pdf, name="accreditation_pass_pdf"),
]
