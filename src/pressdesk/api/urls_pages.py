"""Staff pages of the API, under the language prefix: /<lang>/api-tokens/."""

from django.urls import path

from pressdesk.api import views

app_name = "api_tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:token_id>/revoke/", views.token_revoke, name="revoke"),
]
