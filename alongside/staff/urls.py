from django.urls import include, path

from alongside.staff import views

app_name = "staff"
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("members/", views.MemberListView.as_view(), name="members"),
    path("members/<int:user_id>/roles/", views.MemberRolesView.as_view(), name="member_roles"),
    path("topics/", views.TopicListView.as_view(), name="topics"),
    path("topics/<int:topic_id>/", views.TopicEditView.as_view(), name="topic_edit"),
    path("audit/", views.AuditLogView.as_view(), name="audit_log"),
    path("enquiries/", include("alongside.staff.urls_enquiries")),
    path("resources/", include("alongside.staff.urls_resources")),
    path("access/", include("alongside.staff.urls_access")),
]
