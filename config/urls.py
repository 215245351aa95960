from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from alongside.api.api import api
from alongside.common.views import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("accounts/", include("allauth.urls")),
    path("", include("alongside.accounts.urls")),
    path("", include("alongside.safety.urls")),
    path("", include("alongside.groups.manage_urls")),  # before groups: "new/" isn't a slug
    path("", include("alongside.groups.urls")),  # /groups/... and /my/
    path("", include("alongside.meetings.urls")),
    path("community/", include("alongside.community.urls")),
    path("matching/", include("alongside.matching.urls")),
    path("staff/matching/", include("alongside.matching.urls_staff")),
    path("staff/outcomes/", include("alongside.outcomes.urls_staff")),
    path("staff/", include("alongside.staff.urls")),
    path("find/", include("alongside.finder.urls")),
    path("wellbeing/", include("alongside.outcomes.urls")),
    path("contact/", include("alongside.staff.urls_contact")),
    path("information/", include("alongside.staff.urls_information")),
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False)),
    path("admin/", admin.site.urls),
]
