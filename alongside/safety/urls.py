from django.urls import path

from alongside.safety import (
    staff_views,
    urls_cases,
    urls_moderation,
    urls_moderation_members,
    urls_support,
    views,
    views_plan,
)

app_name = "safety"
urlpatterns = [
    path("help-now/", views.HelpNowView.as_view(), name="help_now"),
    path("my/safety-plan/", views_plan.SafetyPlanView.as_view(), name="plan"),
    path("my/safety-plan/edit/", views_plan.SafetyPlanEditView.as_view(), name="plan_edit"),
    path("my/safety-plan/delete/", views_plan.SafetyPlanDeleteView.as_view(), name="plan_delete"),
    path(
        "staff/crisis-resources/",
        staff_views.CrisisResourceListView.as_view(),
        name="crisis_resources",
    ),
    path(
        "staff/crisis-resources/new/",
        staff_views.CrisisResourceCreateView.as_view(),
        name="crisis_resource_create",
    ),
    path(
        "staff/crisis-resources/<int:resource_id>/",
        staff_views.CrisisResourceEditView.as_view(),
        name="crisis_resource_edit",
    ),
    path(
        "staff/crisis-resources/<int:resource_id>/deactivate/",
        staff_views.CrisisResourceDeactivateView.as_view(),
        name="crisis_resource_deactivate",
    ),
]
urlpatterns += (
    urls_support.urlpatterns
    + urls_moderation.urlpatterns
    + urls_moderation_members.urlpatterns
    + urls_cases.urlpatterns
)
