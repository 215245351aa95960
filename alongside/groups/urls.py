from django.urls import include, path

from alongside.groups import views

# Included at the site root (config/urls.py), so that "my groups" can live at /my/ in this
# namespace. Everything about one group is under /groups/.
app_name = "groups"
group_patterns = [
    path("", views.GroupDirectoryView.as_view(), name="directory"),
    # ------------------------------------------------------------------------------------
    # Starting and proposing groups: "new/" and "propose/" belong here, above "<slug:slug>/"
    # (or in groups.manage_urls, included in config/urls.py ahead of this module).
    # ------------------------------------------------------------------------------------
    path("<slug:slug>/", views.GroupDetailView.as_view(), name="detail"),
    path("<slug:slug>/join/", views.GroupJoinView.as_view(), name="join"),
    path("<slug:slug>/agreement/", views.GroupAgreementView.as_view(), name="agreement"),
    path("<slug:slug>/leave/", views.GroupLeaveView.as_view(), name="leave"),
    path("<slug:slug>/members/", views.GroupMembersView.as_view(), name="members"),
    path(
        "<slug:slug>/requests/<int:membership_id>/<str:answer>/",
        views.GroupJoinRequestAnswerView.as_view(),
        name="answer_request",
    ),
]

urlpatterns = [
    path("groups/", include(group_patterns)),
    path("my/", views.MyGroupsView.as_view(), name="mine"),
    path("my/calendar-feed/", views.MyCalendarFeedView.as_view(), name="calendar_feed"),
    path(
        "my/calendar-feed/revoke/",
        views.MyCalendarFeedRevokeView.as_view(),
        name="calendar_feed_revoke",
    ),
]
