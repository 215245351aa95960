"""URL patterns for the safety net's support pages, part of the `safety` namespace."""

from django.urls import path

from alongside.safety import views_support

urlpatterns = [
    path("my/support/", views_support.WriterSupportView.as_view(), name="writer_support"),
]
