from django.urls import path

from actiontrack.dashboards import views

urlpatterns = [
    path("home", views.home, name="home"),
    path("dashboard", views.dashboard, name="dashboard"),
    path("dashboard/charts/<slug:slug>.svg", views.dashboard_chart, name="dashboard-chart"),
    path("plans/<int:pk>/dashboard", views.plan_dashboard, name="plan-dashboard"),
    path(
        "plans/<int:pk>/dashboard/charts/<slug:slug>.svg",
        views.plan_dashboard_chart,
        name="plan-dashboard-chart",
    ),
    path("plans/<int:pk>/measures/new", views.measure_create, name="measure-create"),
    path("measures/<int:pk>", views.measure_detail, name="measure-detail"),
    path("measures/<int:pk>/edit", views.measure_edit, name="measure-edit"),
    path("measures/<int:pk>/chart.svg", views.measure_chart, name="measure-chart"),
    path("measures/<int:pk>/values/new", views.measure_add_value, name="measure-add-value"),
    path("measures/<int:pk>/values/upload", views.measure_upload, name="measure-upload"),
    path("plans/<int:pk>/deadlines/new", views.deadline_create, name="deadline-create"),
    path("deadline-rules", views.deadline_rules, name="deadline-rules"),
    path("calendar", views.calendar_page, name="calendar"),
    path("calendar/renew", views.calendar_renew, name="calendar-renew"),
    path("calendar/revoke", views.calendar_revoke, name="calendar-revoke"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
]
