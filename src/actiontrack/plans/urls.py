from django.urls import path

from actiontrack.plans import views

urlpatterns = [
    path("", views.plan_list, name="plan-list"),
    path("plans/new", views.plan_create, name="plan-create"),
    path("plans/<int:pk>", views.plan_detail, name="plan-detail"),
    path("plans/<int:pk>/edit", views.plan_edit, name="plan-edit"),
    path("plans/<int:pk>/sharing", views.plan_sharing, name="plan-sharing"),
    path("plans/<int:pk>/export.json", views.plan_export, name="plan-export"),
    path("people/<int:pk>/edit", views.person_edit, name="person-edit"),
    path(
        "plans/<int:plan_pk>/recommendations/new", views.recommendation_create, name="recommendation-create"
    ),
    path("recommendations/<int:pk>/edit", views.recommendation_edit, name="recommendation-edit"),
    path("plans/<int:plan_pk>/actions/new", views.action_create, name="action-create"),
    path("actions/<int:pk>", views.action_detail, name="action-detail"),
    path("actions/<int:pk>/edit", views.action_edit, name="action-edit"),
    path("actions/<int:pk>/updates", views.action_add_update, name="action-add-update"),
    path("my-actions", views.my_actions, name="my-actions"),
    path("search", views.search, name="search"),
]
