from django.urls import path

from alongside.community.views import coping

urlpatterns = [
    path("", coping.CopingListView.as_view(), name="coping_list"),
    path("share/", coping.CopingShareView.as_view(), name="coping_share"),
    path("<int:strategy_id>/", coping.CopingDetailView.as_view(), name="coping_detail"),
    path("<int:strategy_id>/edit/", coping.CopingEditView.as_view(), name="coping_edit"),
    path("<int:strategy_id>/delete/", coping.CopingDeleteView.as_view(), name="coping_delete"),
    path("<int:strategy_id>/helped/", coping.CopingHelpedView.as_view(), name="coping_helped"),
    path("<int:strategy_id>/comments/", coping.CopingCommentView.as_view(), name="coping_comment"),
    path(
        "comments/<int:comment_id>/delete/",
        coping.CopingCommentDeleteView.as_view(),
        name="coping_comment_delete",
    ),
]
