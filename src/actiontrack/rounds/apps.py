from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "actiontrack.rounds"
    verbose_name = "Update rounds, reminders and sign-off"
