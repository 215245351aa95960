from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "alongside.staff"
    label = "staff"
