"""The network of press secretaries, mounted at network/ inside the "planning" namespace (so no app_name here)."""

from django.urls import path

from pressdesk.planning import views_network as views

urlpatterns = [
    path("", views.network_page, name="network"),
    path("instructions/", views.instruction_list, name="instructions"),
    path("instructions/new/", views.instruction_new, name="instruction_new"),
    path("instructions/<int:pk>/", views.instruction_detail, name="instruction"),
    path("instructions/<int:pk>/remind/", views.instruction_remind, name="instruction_remind"),
    path("instructions/<int:pk>/withdraw/", views.instruction_withdraw, name="instruction_withdraw"),
    path("to-us/", views.inbox, name="inbox"),
    path("to-us/<int:pk>/", views.receipt_detail, name="receipt"),
    path("to-us/<int:pk>/acknowledge/", views.receipt_acknowledge, name="receipt_acknowledge"),
]
