from django.urls import path

from pressdesk.monitoring import views_alerts, views_clippings, views_sources, views_stories, views_watchlist

app_name = "monitoring"

urlpatterns = [
    path("", views_clippings.clipping_list, name="clippings"),
    path("export.<str:fmt>", views_clippings.clipping_export, name="clippings_export"),
    path("new/", views_clippings.clipping_new, name="clipping_new"),
    path("<int:pk>/", views_clippings.clipping_detail, name="clipping"),
    path("<int:pk>/tone/", views_clippings.clipping_tone, name="clipping_tone"),
    path("<int:pk>/attachment/", views_clippings.clipping_attachment, name="clipping_attachment"),
    path("stories/", views_stories.stories, name="stories"),
    path("pickup/", views_stories.pickup, name="pickup"),
    path("digest/", views_stories.digest_page, name="digest"),
    path("digest/pdf/", views_stories.digest_download, name="digest_pdf"),
    path("alerts/", views_alerts.alert_list, name="alerts"),
    path("alerts/seen/", views_alerts.alerts_seen, name="alerts_seen"),
    path("watchlist/", views_watchlist.watch_list, name="watchlist"),
    path("watchlist/new/", views_watchlist.watch_new, name="watch_new"),
    path("watchlist/<int:pk>/", views_watchlist.watch_edit, name="watch_edit"),
    path("watchlist/<int:pk>/active/", views_watchlist.watch_active, name="watch_active"),
    path("sources/", views_sources.source_list, name="sources"),
    path("sources/new/", views_sources.source_new, name="source_new"),
    path("sources/<int:pk>/", views_sources.source_detail, name="source"),
    path("sources/<int:pk>/schedule/", views_sources.source_schedule, name="source_schedule"),
    path("sources/<int:pk>/state/", views_sources.source_state, name="source_state"),
]
