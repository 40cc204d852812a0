"""The public newsroom under each language prefix: /kk/, /ru/, /en/."""

from django.urls import path

from pressdesk.portal.newsroom import events, feeds, views

app_name = "newsroom"

urlpatterns = [
    path("", views.home, name="home"),
    path("news/<int:pk>/", views.material, name="material"),
    path("type/<slug:kind>/", views.kind_list, name="kind"),
    path("topic/<slug:slug>/", views.topic_list, name="topic"),
    path("archive/<int:year>/<int:month>/", views.month_list, name="month"),
    path("search/", views.search, name="search"),
    path("press-kit/", views.press_kit, name="press_kit"),
    path("announcements/", events.announcements, name="events"),
    path("announcements/<int:pk>/", events.announcement, name="event"),
    path("announcements/<int:pk>/event.ics", events.announcement_ics, name="event_ics"),
    path("feed/rss/", feeds.rss, name="feed_rss"),
    path("feed/atom/", feeds.atom, name="feed_atom"),
    path("feed/<slug:kind>/rss/", feeds.rss, name="kind_feed_rss"),
    path("feed/<slug:kind>/atom/", feeds.atom, name="kind_feed_atom"),
]
