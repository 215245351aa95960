"""URL patterns for the safety net's cases pages, part of the `safety` namespace."""

urlpatterns = []
