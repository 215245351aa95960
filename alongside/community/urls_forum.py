from django.urls import path

from alongside.community.views import forum as views
from alongside.community.views import forum_spaces

urlpatterns = [
    path("", forum_spaces.SpaceListView.as_view(), name="spaces"),
    path("spaces/new/", forum_spaces.SpaceCreateView.as_view(), name="space_create"),
    path("spaces/<slug:slug>/", forum_spaces.SpaceDetailView.as_view(), name="space"),
    path("spaces/<slug:slug>/edit/", forum_spaces.SpaceEditView.as_view(), name="space_edit"),
    path(
        "spaces/<slug:slug>/archive/", forum_spaces.SpaceArchiveView.as_view(), name="space_archive"
    ),
    path(
        "spaces/<slug:slug>/guidelines/",
        forum_spaces.SpaceGuidelinesView.as_view(),
        name="space_guidelines",
    ),
    path("spaces/<slug:slug>/new-thread/", views.ThreadCreateView.as_view(), name="thread_create"),
    path("threads/<int:thread_id>/", views.ThreadDetailView.as_view(), name="thread"),
    path("threads/<int:thread_id>/reply/", views.ThreadReplyView.as_view(), name="thread_reply"),
    path("threads/<int:thread_id>/mute/", views.ThreadMuteView.as_view(), name="thread_mute"),
    path("posts/<int:post_id>/", views.PostLinkView.as_view(), name="post"),
    path("posts/<int:post_id>/edit/", views.PostEditView.as_view(), name="post_edit"),
    path("posts/<int:post_id>/delete/", views.PostDeleteView.as_view(), name="post_delete"),
    path("posts/<int:post_id>/history/", views.PostHistoryView.as_view(), name="post_history"),
    path("posts/<int:post_id>/react/", views.PostReactView.as_view(), name="post_react"),
]
