from django.urls import path

from alongside.community.views import chat

urlpatterns = [
    path("space/<slug:slug>/", chat.SpaceChatView.as_view(), name="chat_space"),
    path("group/<slug:slug>/", chat.GroupChatView.as_view(), name="chat_group"),
    path("rooms/<int:room_id>/send/", chat.RoomSendView.as_view(), name="chat_send"),
    path("rooms/<int:room_id>/history/", chat.RoomHistoryView.as_view(), name="chat_history"),
]
