"""robots.txt and sitemap.xml: one of each for the whole site, without a language prefix."""

from django.urls import path

from pressdesk.portal.newsroom import root

urlpatterns = [
    path("robots.txt", root.robots_txt, name="robots_txt"),
    path("sitemap.xml", root.sitemap_xml, name="sitemap_xml"),
]
