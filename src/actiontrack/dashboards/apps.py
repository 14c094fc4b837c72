from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "actiontrack.dashboards"
    label = "dashboards"
    verbose_name = "Dashboards"
