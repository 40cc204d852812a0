from django.urls import include, path

app_name = "planning"

# Each part keeps its own URL list: the plan, advice notes, analyses, the network of press secretaries.
urlpatterns = [
    path("", include("pressdesk.planning.urls_plan")),
    path("notes/", include("pressdesk.planning.urls_notes")),
    path("analyses/", include("pressdesk.planning.urls_analysis")),
    path("network/", include("pressdesk.planning.urls_network")),
]
