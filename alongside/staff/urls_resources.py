from django.urls import path

from alongside.staff import views_resources

# Included by staff/urls.py: names are in the "staff" namespace.
urlpatterns = [
    path("", views_resources.ResourceListView.as_view(), name="resources"),
    path("new/", views_resources.ResourceNewView.as_view(), name="resource_new"),
    path("<int:resource_id>/", views_resources.ResourceEditView.as_view(), name="resource_edit"),
    path(
        "<int:resource_id>/delete/",
        views_resources.ResourceDeleteView.as_view(),
        name="resource_delete",
    ),
]
