"""A member's own safety plan. No URL carries an id: each page only ever shows, changes or
deletes the signed-in member's own plan."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.views import View

from alongside.safety import plans
from alongside.safety.forms_plan import SafetyPlanForm


class SafetyPlanView(LoginRequiredMixin, View):
    def get(self, request):
        plan = plans.get_own_safety_plan(user=request.user)
        return render(request, "safety/plan.html", {"plan": plan})


class SafetyPlanEditView(LoginRequiredMixin, View):
    template_name = "safety/plan_form.html"

    def get(self, request):
        plan = plans.get_own_safety_plan(user=request.user)
        return self.render_page(request, SafetyPlanForm(instance=plan), plan)

    def post(self, request):
        plan = plans.get_own_safety_plan(user=request.user)
        form = SafetyPlanForm(request.POST, instance=plan)
        if not form.is_valid():
            return self.render_page(request, form, plan, status=400)
        plans.save_safety_plan(owner=request.user, steps=form.cleaned_data)
        messages.success(request, "Your safety plan is saved.")
        return redirect("safety:plan")

    def render_page(self, request, form, plan, status=200):
        return render(request, self.template_name, {"form": form, "plan": plan}, status=status)


class SafetyPlanDeleteView(LoginRequiredMixin, View):
    def get(self, request):
        plan = plans.get_own_safety_plan(user=request.user)
        if plan is None:
            return redirect("safety:plan")
        return render(request, "safety/plan_delete.html", {"plan": plan})

    def post(self, request):
        if plans.delete_safety_plan(owner=request.user):
            messages.success(request, "Your safety plan is deleted.")
        return redirect("safety:plan")
