from django.urls import path

from alongside.accounts import views

app_name = "accounts"
urlpatterns = [
    path("profile/", views.OwnProfileView.as_view(), name="profile"),
    path("profile/edit/", views.ProfileEditView.as_view(), name="profile_edit"),
    path("profile/tokens/", views.ApiTokenListView.as_view(), name="api_tokens"),
    path(
        "profile/tokens/<int:token_id>/revoke/",
        views.ApiTokenRevokeView.as_view(),
        name="api_token_revoke",
    ),
    path("members/<int:user_id>/", views.MemberProfileView.as_view(), name="member"),
    path("places/suggestions/", views.PlaceSuggestionsView.as_view(), name="place_suggestions"),
]
