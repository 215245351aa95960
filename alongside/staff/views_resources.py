"""Coordinators manage the "more information" library: list, add, edit, delete."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views import View

from alongside.staff.actions.resources import create_resource, delete_resource, update_resource
from alongside.staff.forms_resources import ResourceForm, form_data_of
from alongside.staff.permissions import access_resource_by_id, check_manage_resources_permission
from alongside.staff.selectors.resources import library_for_staff
from alongside.staff.views import StaffAreaMixin

FORM_TEMPLATE = "staff/resources/form.html"


class ResourceListView(StaffAreaMixin, View):
    def get(self, request):
        check_manage_resources_permission(request.user)
        page = Paginator(library_for_staff(), 50).get_page(request.GET.get("page"))
        return render(request, "staff/resources/list.html", {"page": page})


class ResourceNewView(StaffAreaMixin, View):
    def get(self, request):
        check_manage_resources_permission(request.user)
        return render(request, FORM_TEMPLATE, {"form": ResourceForm()})

    def post(self, request):
        check_manage_resources_permission(request.user)
        form = ResourceForm(request.POST)
        if not form.is_valid():
            return render(request, FORM_TEMPLATE, {"form": form}, status=400)
        resource = create_resource(actor=request.user, details=form.details())
        messages.success(request, f"Added \u201c{resource.title}\u201d to the library.")
        return redirect("staff:resources")


class ResourceEditView(StaffAreaMixin, View):
    def get(self, request, resource_id):
        resource = access_resource_by_id(user=request.user, resource_id=resource_id)
        form = ResourceForm(initial=form_data_of(resource))
        return render(request, FORM_TEMPLATE, {"form": form, "resource": resource})

    def post(self, request, resource_id):
        resource = access_resource_by_id(user=request.user, resource_id=resource_id)
        form = ResourceForm(request.POST)
        if not form.is_valid():
            context = {"form": form, "resource": resource}
            return render(request, FORM_TEMPLATE, context, status=400)
        update_resource(resource=resource, actor=request.user, details=form.details())
        messages.success(request, f"Saved \u201c{form.cleaned_data['title']}\u201d.")
        return redirect("staff:resources")


class ResourceDeleteView(StaffAreaMixin, View):
    template_name = "staff/resources/delete.html"

    def get(self, request, resource_id):
        resource = access_resource_by_id(user=request.user, resource_id=resource_id)
        return render(request, self.template_name, {"resource": resource})

    def post(self, request, resource_id):
        resource = access_resource_by_id(user=request.user, resource_id=resource_id)
        title = resource.title
        delete_resource(resource=resource, actor=request.user)
        messages.success(request, f"Deleted \u201c{title}\u201d from the library.")
        return redirect("staff:resources")
