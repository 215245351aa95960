"""Placeholders until the staff pages are built."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.views import View


class _Placeholder(LoginRequiredMixin, View):
    def get(self, request, *args, **kwargs):
        return HttpResponse("Coming soon.")


ReportView = ReportCsvView = ActivityView = ActivityCsvView = _Placeholder
