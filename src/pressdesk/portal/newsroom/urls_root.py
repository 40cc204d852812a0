"""robots.txt and sitemap.xml: filled in by the newsroom work."""

urlpatterns: list = []
