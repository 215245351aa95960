from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from alongside.accounts import actions
from alongside.accounts.forms import RoleChangeForm, TopicForm
from alongside.accounts.permissions import (
    access_member_by_id,
    access_topic_by_id,
    check_manage_roles_permission,
    check_manage_topics_permission,
    check_role_removal_allowed,
    check_staff_area_permission,
    check_view_audit_log_permission,
)
from alongside.accounts.roles import Role, granted_roles, has_role
from alongside.accounts.selectors import all_topics, members_for_staff_list
from alongside.common.selectors import audit_entries
from alongside.matching.selectors import coordinator_alerts
from alongside.outcomes.selectors import measures_needing_wording
from alongside.staff.actions.access_tasks import AccessTaskAlreadyResolved, resolve_access_task
from alongside.staff.choices import AccessTaskStatus
from alongside.staff.forms import (
    AuditFilterForm,
    MemberSearchForm,
    ResolveAccessTaskForm,
    cleaned_or_blank,
)
from alongside.staff.permissions import access_access_task_by_id
from alongside.staff.selectors.access_tasks import open_access_tasks, task_row
from alongside.staff.selectors.enquiries import inbox_counts


class StaffAreaMixin(LoginRequiredMixin):
    """Every staff page: signed in, a staff role, and (by middleware) two-factor set up."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            check_staff_area_permission(request.user)
        return super().dispatch(request, *args, **kwargs)


class DashboardView(StaffAreaMixin, TemplateView):
    template_name = "staff/dashboard.html"

    def get_context_data(self, **kwargs):
        is_coordinator = has_role(self.request.user, Role.COORDINATOR)
        context = super().get_context_data(is_coordinator=is_coordinator, **kwargs)
        if is_coordinator:
            context["matching_alerts"] = coordinator_alerts()
            context["access_tasks"] = open_access_tasks()
            context["enquiry_counts"] = inbox_counts()
            context["measures_needing_wording"] = measures_needing_wording()
        return context


class MemberListView(StaffAreaMixin, View):
    def get(self, request):
        check_manage_roles_permission(request.user)
        form = MemberSearchForm(request.GET)
        search = cleaned_or_blank(form, "q")
        page = Paginator(members_for_staff_list(search=search), 50).get_page(
            request.GET.get("page")
        )
        rows = [{"user": user, "roles": granted_roles(user)} for user in page]
        context = {"form": form, "page": page, "rows": rows, "search": search, "roles": Role}
        return render(request, "staff/members.html", context)


class MemberRolesView(StaffAreaMixin, View):
    def post(self, request, user_id):
        check_manage_roles_permission(request.user)
        member = access_member_by_id(viewer=request.user, user_id=user_id)
        form = RoleChangeForm(request.POST)
        if not form.is_valid():
            messages.error(request, "That role change wasn't understood. Nothing was changed.")
            return redirect("staff:members")
        role = Role(form.cleaned_data["role"])
        name = member.profile.display_name
        if form.cleaned_data["grant"]:
            actions.grant_role(user=member, role=role, actor=request.user)
            messages.success(request, f"{name} is now a {role.label.lower()}.")
        else:
            try:
                check_role_removal_allowed(user=member, role=role)
            except PermissionDenied as error:
                messages.error(request, str(error))
                return redirect("staff:members")
            actions.remove_role(user=member, role=role, actor=request.user)
            messages.success(request, f"{name} is no longer a {role.label.lower()}.")
        return redirect("staff:members")


class TopicListView(StaffAreaMixin, View):
    template_name = "staff/topics.html"

    def get(self, request):
        check_manage_topics_permission(request.user)
        return self.render_page(request, TopicForm())

    def post(self, request):
        check_manage_topics_permission(request.user)
        form = TopicForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        topic = actions.save_topic(topic=form.instance, actor=request.user)
        messages.success(request, f"Added the topic \u201c{topic.name}\u201d.")
        return redirect("staff:topics")

    def render_page(self, request, form, status=200):
        context = {"form": form, "topics": all_topics()}
        return render(request, self.template_name, context, status=status)


class TopicEditView(StaffAreaMixin, View):
    template_name = "staff/topic_edit.html"

    def get(self, request, topic_id):
        topic = access_topic_by_id(user=request.user, topic_id=topic_id)
        return render(request, self.template_name, {"form": TopicForm(instance=topic)})

    def post(self, request, topic_id):
        topic = access_topic_by_id(user=request.user, topic_id=topic_id)
        form = TopicForm(request.POST, instance=topic)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        actions.save_topic(topic=form.instance, actor=request.user)
        messages.success(request, f"Saved the topic \u201c{form.instance.name}\u201d.")
        return redirect("staff:topics")


class AuditLogView(StaffAreaMixin, View):
    def get(self, request):
        check_view_audit_log_permission(request.user)
        form = AuditFilterForm(request.GET)
        verb = cleaned_or_blank(form, "verb")
        page = Paginator(audit_entries(verb=verb), 50).get_page(request.GET.get("page"))
        return render(request, "staff/audit_log.html", {"form": form, "page": page, "verb": verb})


RESOLVED_MESSAGES = {
    AccessTaskStatus.DONE: "Marked as arranged.",
    AccessTaskStatus.NOT_NEEDED: "Marked as no longer needed.",
}


class AccessTaskView(LoginRequiredMixin, View):
    """One access need to arrange; the dashboard's buttons post here. Coordinators only:
    anyone else gets 404, since a task names a member's health needs."""

    template_name = "staff/access/task.html"

    def get(self, request, task_id):
        task = access_access_task_by_id(user=request.user, task_id=task_id)
        return self.render_page(request, task, ResolveAccessTaskForm())

    def post(self, request, task_id):
        task = access_access_task_by_id(user=request.user, task_id=task_id)
        form = ResolveAccessTaskForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, task, form, status=400)
        try:
            resolve_access_task(
                task=task,
                actor=request.user,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except AccessTaskAlreadyResolved as error:
            messages.info(request, error.message)
        else:
            messages.success(request, RESOLVED_MESSAGES[form.cleaned_data["status"]])
        return redirect(reverse("staff:dashboard") + "#access-tasks-title")

    def render_page(self, request, task, form, status=200):
        context = {"task": task, "row": task_row(task), "form": form}
        return render(request, self.template_name, context, status=status)
