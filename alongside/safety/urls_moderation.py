"""URL patterns for the safety net's moderation pages, part of the `safety` namespace."""

urlpatterns = []
