from django.urls import include, path

from pressdesk.publications import views, views_steps

app_name = "publications"

urlpatterns = [
    path("", views.material_list, name="list"),
    path("new/", views.material_new, name="new"),
    path("rules/", views.rules, name="rules"),
    path("<int:pk>/", views.material_detail, name="detail"),
    path("<int:pk>/text/<str:language>/", views.version_edit, name="edit"),
    path("<int:pk>/details/", views.details_edit, name="details"),
    path("<int:pk>/revisions/<str:language>/", views.revisions, name="revisions"),
    path("<int:pk>/comment/", views_steps.comment, name="comment"),
    path("<int:pk>/step/<slug:step>/", views_steps.step, name="step"),
    path("<int:pk>/schedule/", views_steps.schedule, name="schedule"),
    path("<int:pk>/embargo/", views_steps.embargo, name="embargo"),
    path("<int:pk>/recipients/", views_steps.recipients, name="recipients"),
    path("<int:pk>/correct/", views_steps.correct, name="correct"),
    path("<int:pk>/withdraw/", views_steps.withdraw, name="withdraw"),
    path("media/", include("pressdesk.publications.urls_media")),
    path("bulletins/", include("pressdesk.publications.urls_bulletins")),
]
