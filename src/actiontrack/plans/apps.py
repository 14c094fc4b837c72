from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "actiontrack.plans"
    label = "plans"
    verbose_name = "Action plans"
