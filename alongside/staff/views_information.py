"""The public "more information" library: anyone, no account needed."""

from django.http import Http404
from django.shortcuts import render
from django.views import View

from alongside.staff.selectors.resources import library_by_topic, published_page_by_slug


class InformationIndexView(View):
    def get(self, request):
        return render(request, "staff/information/index.html", {"sections": library_by_topic()})


class InformationPageView(View):
    def get(self, request, slug):
        page = published_page_by_slug(slug)
        if page is None:
            raise Http404("No such page.")
        return render(request, "staff/information/page.html", {"page": page})
