from django.urls import path

from alongside.meetings import feeds

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
]
