"""Websocket routes. Each domain app appends its consumers' routes here."""

websocket_urlpatterns: list = []
