from django.urls import path

from alongside.community.views import conversations, notifications, protection, reports

urlpatterns = [
    path("messages/", conversations.ConversationListView.as_view(), name="conversations"),
    path(
        "messages/<int:conversation_id>/",
        conversations.ConversationView.as_view(),
        name="conversation",
    ),
    path(
        "messages/new/<int:user_id>/",
        conversations.ConversationStartView.as_view(),
        name="start_conversation",
    ),
    path("settings/", protection.CommunitySettingsView.as_view(), name="settings"),
    path("settings/break/", protection.TakeBreakView.as_view(), name="take_break"),
    path("settings/break/end/", protection.EndBreakView.as_view(), name="end_break"),
    path("members/<int:user_id>/block/", protection.BlockMemberView.as_view(), name="block"),
    path("members/<int:user_id>/unblock/", protection.UnblockMemberView.as_view(), name="unblock"),
    path("report/<str:target>/<int:object_id>/", reports.ReportView.as_view(), name="report"),
    path("notifications/", notifications.NotificationListView.as_view(), name="notifications"),
    path(
        "notifications/<int:notification_id>/open/",
        notifications.NotificationOpenView.as_view(),
        name="notification_open",
    ),
    path(
        "notifications/read-all/",
        notifications.NotificationsReadAllView.as_view(),
        name="notifications_read_all",
    ),
]
