from django.urls import path

from alongside.meetings import feeds, views

app_name = "meetings"
urlpatterns = [
    path(
        "calendar/groups/<slug:slug>.ics",
        feeds.GroupCalendarFeedView.as_view(),
        name="group_calendar",
    ),
    path(
        "calendar/me/<str:key>.ics",
        feeds.MemberCalendarFeedView.as_view(),
        name="member_calendar",
    ),
    path("meetings/<int:occurrence_id>/", views.OccurrenceView.as_view(), name="occurrence"),
    path("meetings/<int:occurrence_id>/rsvp/", views.OccurrenceRsvpView.as_view(), name="rsvp"),
    path(
        "meetings/<int:occurrence_id>/attendance/",
        views.OccurrenceAttendanceView.as_view(),
        name="attendance",
    ),
    path(
        "meetings/<int:occurrence_id>/cancel/",
        views.OccurrenceCancelView.as_view(),
        name="cancel",
    ),
    path("meetings/<int:occurrence_id>/move/", views.OccurrenceMoveView.as_view(), name="move"),
]
