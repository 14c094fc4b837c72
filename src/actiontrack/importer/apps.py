from django.apps import AppConfig


class ImporterConfig(AppConfig):
    name = "actiontrack.importer"
    label = "importer"
    verbose_name = "Importing plans"
