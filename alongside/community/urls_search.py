from django.urls import path

from alongside.community.views.search import SearchView

urlpatterns = [
    path("", SearchView.as_view(), name="search"),
]
