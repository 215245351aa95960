"""URL patterns for the safety net's support pages, part of the `safety` namespace."""

urlpatterns = []
