"""Portal addresses of one module, spread into ``portal/urls.py`` (namespace ``portal``)."""

from django.urls import path

from pressdesk.portal import subscriptions

urlpatterns = [
    path("subscribe/", subscriptions.subscribe, name="subscribe"),
    path("subscribe/confirm/<str:token>/", subscriptions.subscription_confirm, name="subscription_confirm"),
    path("subscribe/manage/<str:token>/", subscriptions.subscription_manage, name="subscription_manage"),
]
