"""Search threads and coping strategies by words."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.http import urlencode
from django.views import View

from alongside.community.forms_coping import SearchForm
from alongside.community.selectors.protections import protections_for
from alongside.community.selectors.search import describe_hits, search_community

PAGE_SIZE = 20


class SearchView(LoginRequiredMixin, View):
    def get(self, request):
        form = SearchForm(request.GET)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        context = {"form": form, "query": query, "page": None}
        if query:
            page = Paginator(
                search_community(viewer=request.user, query=query), PAGE_SIZE
            ).get_page(request.GET.get("page"))
            page.object_list = describe_hits(
                list(page.object_list), query=query, protections=protections_for(request.user)
            )
            context["page"] = page
            context["query_string"] = urlencode({"q": query})
        status = 400 if form.errors else 200
        return render(request, "community/search/results.html", context, status=status)
