"""Coordinators manage the crisis resources shown on "I need help now". Each view checks
permission, validates the form, calls one action and redirects."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.views import View

from alongside.safety import actions
from alongside.safety.forms_crisis import CrisisResourceForm
from alongside.safety.models import CrisisResource
from alongside.safety.permissions import (
    access_crisis_resource_by_id,
    check_manage_crisis_resources_permission,
)


class _CrisisStaffView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            check_manage_crisis_resources_permission(request.user)
        return super().dispatch(request, *args, **kwargs)


class CrisisResourceListView(_CrisisStaffView):
    def get(self, request):
        resources = CrisisResource.objects.order_by(
            "country", "-is_active", "-is_emergency", "order", "name"
        )
        return render(request, "safety/staff/crisis_resources.html", {"resources": resources})


class CrisisResourceCreateView(_CrisisStaffView):
    template_name = "safety/staff/crisis_resource_form.html"

    def get(self, request):
        return self.render_page(request, CrisisResourceForm())

    def post(self, request):
        form = CrisisResourceForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        resource = actions.save_crisis_resource(resource=form.instance, actor=request.user)
        messages.success(request, f"Added {resource.name}.")
        return redirect("safety:crisis_resources")

    def render_page(self, request, form, status=200):
        context = {"form": form, "title": "Add a crisis resource"}
        return render(request, self.template_name, context, status=status)


class CrisisResourceEditView(_CrisisStaffView):
    template_name = "safety/staff/crisis_resource_form.html"

    def get(self, request, resource_id):
        resource = access_crisis_resource_by_id(user=request.user, resource_id=resource_id)
        return self.render_page(request, CrisisResourceForm(instance=resource), resource)

    def post(self, request, resource_id):
        resource = access_crisis_resource_by_id(user=request.user, resource_id=resource_id)
        form = CrisisResourceForm(request.POST, instance=resource)
        if not form.is_valid():
            return self.render_page(request, form, resource, status=400)
        actions.save_crisis_resource(resource=form.instance, actor=request.user)
        messages.success(request, f"Saved {form.instance.name}.")
        return redirect("safety:crisis_resources")

    def render_page(self, request, form, resource, status=200):
        context = {"form": form, "resource": resource, "title": f"Change {resource.name}"}
        return render(request, self.template_name, context, status=status)


class CrisisResourceDeactivateView(_CrisisStaffView):
    def post(self, request, resource_id):
        resource = access_crisis_resource_by_id(user=request.user, resource_id=resource_id)
        actions.deactivate_crisis_resource(resource=resource, actor=request.user)
        messages.success(request, f"{resource.name} is no longer shown to members.")
        return redirect("safety:crisis_resources")
