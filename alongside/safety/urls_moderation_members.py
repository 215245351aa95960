"""URL patterns for moderators acting on a member (contact, suspend) and going on or off
duty, part of the `safety` namespace."""

urlpatterns = []
