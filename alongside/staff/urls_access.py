from django.urls import path  # noqa: F401

# Included by staff/urls.py: names are in the "staff" namespace.
urlpatterns: list = []
