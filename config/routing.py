"""Websocket routes. Each domain app appends its consumers' routes here."""

from django.urls import path

from alongside.community.consumers import RoomConsumer

websocket_urlpatterns: list = [
    path("ws/rooms/<int:room_id>/", RoomConsumer.as_asgi()),
]
