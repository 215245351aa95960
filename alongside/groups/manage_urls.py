"""Facilitator and coordinator pages, included at the site root (config/urls.py) ahead of
the groups urls, so "new/" and "propose/" aren't taken for group slugs."""

from django.urls import path

from alongside.groups import staff_views

app_name = "groups_manage"
urlpatterns = [
    path("groups/new/", staff_views.GroupCreateView.as_view(), name="create"),
    path("groups/propose/", staff_views.GroupProposeView.as_view(), name="propose"),
    path("groups/<slug:slug>/edit/", staff_views.GroupEditView.as_view(), name="edit"),
    path(
        "groups/<slug:slug>/agreement/new/",
        staff_views.AgreementPublishView.as_view(),
        name="agreement_new",
    ),
    path(
        "groups/<slug:slug>/meetings/new/",
        staff_views.MeetingScheduleView.as_view(),
        name="schedule_meeting",
    ),
    path("staff/groups/proposed/", staff_views.ProposedGroupListView.as_view(), name="proposed"),
    path(
        "staff/groups/proposed/<int:group_id>/",
        staff_views.ProposedGroupReviewView.as_view(),
        name="review",
    ),
    path("staff/venues/", staff_views.VenueListView.as_view(), name="venues"),
    path("staff/venues/new/", staff_views.VenueCreateView.as_view(), name="venue_create"),
    path("staff/venues/<int:venue_id>/", staff_views.VenueEditView.as_view(), name="venue_edit"),
]
