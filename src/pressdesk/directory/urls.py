from django.urls import path

from pressdesk.directory import urls_io
from pressdesk.directory.views import changes, contacts, journalists, outlets, partners, segments

app_name = "directory"
urlpatterns = [
    path("journalists/", journalists.journalist_list, name="journalists"),
    path("journalists/new/", journalists.journalist_create, name="journalist_create"),
    path("journalists/<int:pk>/", journalists.journalist_detail, name="journalist"),
    path("journalists/<int:pk>/edit/", journalists.journalist_edit, name="journalist_edit"),
    path("journalists/<int:pk>/move/", journalists.journalist_move, name="journalist_move"),
    path("journalists/<int:pk>/trust/", journalists.journalist_trust, name="journalist_trust"),
    path("journalists/<int:pk>/erase/", journalists.journalist_erase, name="journalist_erase"),
    path("journalists/<int:pk>/contacts/", contacts.contact_add, {"owner": "journalist"}, name="contact_add"),
    path("outlets/<int:pk>/contacts/", contacts.contact_add, {"owner": "outlet"}, name="outlet_contact_add"),
    path("contacts/<int:pk>/remove/", contacts.contact_remove, name="contact_remove"),
    path("contacts/<int:pk>/confirm/", contacts.contact_confirm, name="contact_confirm"),
    path("duplicates/", changes.duplicates, name="duplicates"),
    path("duplicates/merge/", changes.merge, name="merge"),
    path("changes/", changes.changes, name="changes"),
    path("outlets/", outlets.outlet_list, name="outlets"),
    path("outlets/new/", outlets.outlet_create, name="outlet_create"),
    path("outlets/<int:pk>/", outlets.outlet_detail, name="outlet"),
    path("outlets/<int:pk>/edit/", outlets.outlet_edit, name="outlet_edit"),
    path("outlets/<int:pk>/close/", outlets.outlet_close, name="outlet_close"),
    path("partners/", partners.partner_list, name="partners"),
    path("partners/new/", partners.partner_create, name="partner_create"),
    path("partners/<int:pk>/", partners.partner_detail, name="partner"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/people/", partners.person_add, name="person_add"),
    path("people/<int:pk>/remove/", partners.person_remove, name="person_remove"),
    path("segments/", segments.segment_list, name="segments"),
    path("segments/new/", segments.segment_create, name="segment_create"),
    path("segments/count/", segments.segment_count, name="segment_count"),
    path("segments/<int:pk>/", segments.segment_detail, name="segment"),
    path("segments/<int:pk>/edit/", segments.segment_edit, name="segment_edit"),
    path("segments/<int:pk>/delete/", segments.segment_delete, name="segment_delete"),
    *urls_io.urlpatterns,
]
