"""The press plan: its views by year, quarter and month, one item and its steps, plan against fact, the export."""

from django.urls import path

from pressdesk.planning import views_plan

urlpatterns = [
    path("", views_plan.plan, name="plan"),
    path("items/new/", views_plan.item_new, name="plan_new"),
    path("items/<int:pk>/", views_plan.item_detail, name="plan_item"),
    path("items/<int:pk>/change/", views_plan.item_edit, name="plan_edit"),
    path("items/<int:pk>/move/", views_plan.item_move, name="plan_move"),
    path("items/<int:pk>/cancel/", views_plan.item_cancel, name="plan_cancel"),
    path("items/<int:pk>/event/", views_plan.item_make_event, name="plan_make_event"),
    path("items/<int:pk>/material/", views_plan.item_make_material, name="plan_make_material"),
    path("items/<int:pk>/link/", views_plan.item_link, name="plan_link"),
    path("fact/", views_plan.fact, name="plan_fact"),
    path("export/", views_plan.export, name="plan_export"),
]
