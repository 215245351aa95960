"""URL patterns for moderators acting on a member (contact, suspend) and going on or off
duty, part of the `safety` namespace."""

from django.urls import path

from alongside.safety import staff_views_members as views

urlpatterns = [
    path(
        "staff/moderation/members/<int:user_id>/contact/",
        views.ModerationContactView.as_view(),
        name="moderation_contact",
    ),
    path(
        "staff/moderation/members/<int:user_id>/suspend/",
        views.ModerationSuspendView.as_view(),
        name="moderation_suspend",
    ),
    path(
        "staff/moderation/members/<int:user_id>/suspensions/<int:suspension_id>/lift/",
        views.ModerationLiftSuspensionView.as_view(),
        name="moderation_lift_suspension",
    ),
    path("staff/moderation/duty/", views.ModeratorDutyView.as_view(), name="moderator_duty"),
]
