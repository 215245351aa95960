from django.apps import AppConfig


class FinderConfig(AppConfig):
    name = "alongside.finder"
    label = "finder"
