"""Everything under /community/. Each area keeps its routes in its own module."""

from django.urls import include, path

app_name = "community"
urlpatterns = [
    path("", include("alongside.community.urls_forum")),
    path("coping/", include("alongside.community.urls_coping")),
    path("chat/", include("alongside.community.urls_chat")),
    path("search/", include("alongside.community.urls_search")),
    path("", include("alongside.community.urls_members")),
]
