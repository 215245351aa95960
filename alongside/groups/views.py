from django.core.paginator import Paginator
from django.shortcuts import render
from django.views import View

from alongside.groups.directory import directory_groups, with_page_details
from alongside.groups.filters import DirectoryFilterForm

PAGE_SIZE = 20


class GroupDirectoryView(View):
    """Every listed group, filterable; open to anyone, signed in or not."""

    def get(self, request):
        form = DirectoryFilterForm(request.GET)
        groups = directory_groups(form.filters())
        page = Paginator(groups.only("pk"), PAGE_SIZE).get_page(request.GET.get("page"))
        page.object_list = with_page_details(list(page.object_list))
        query = request.GET.copy()
        query.pop("page", None)
        context = {"form": form, "page": page, "query_string": query.urlencode()}
        return render(request, "groups/directory.html", context)
