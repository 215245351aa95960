"""Moderators acting on a member: write to them privately, suspend them (and lift it), and
go on or off duty. Each view checks permission (404 for anyone but a moderator), validates
its form, calls one action and redirects; a refusal is shown on the page in plain words."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.community.actions.moderator_contact import moderator_conversation
from alongside.safety.forms_moderation_members import (
    ContactMemberForm,
    LiftSuspensionForm,
    LinkedItemForm,
    ModeratorDutyForm,
    SuspendMemberForm,
)
from alongside.safety.moderation import members as actions
from alongside.safety.staff_views_base import ModeratorView

TEMPLATES = "safety/staff/moderation_members/"


class _MemberActionView(ModeratorView):
    """A page about one member, maybe reached from a queue item (?alert= or ?report=)."""

    def setup_member(self, request, user_id):
        self.member = actions.access_member_to_moderate(user=request.user, member_id=user_id)
        linked = LinkedItemForm(request.GET)
        if not linked.is_valid():
            raise Http404("No such alert or report.")
        self.alert = actions.linked_alert(member=self.member, alert_id=linked.cleaned_data["alert"])
        self.report = actions.linked_report(
            member=self.member, report_id=linked.cleaned_data["report"]
        )

    @property
    def link_query(self) -> str:
        """The ?alert= / ?report= to carry to the next page, or ""."""
        params = {}
        if self.alert is not None:
            params["alert"] = self.alert.pk
        if self.report is not None:
            params["report"] = self.report.pk
        return "?" + urlencode(params) if params else ""

    def base_context(self) -> dict:
        return {
            "member": self.member,
            "alert": self.alert,
            "report": self.report,
            "link_query": self.link_query,
        }


class ModerationContactView(_MemberActionView):
    template_name = TEMPLATES + "contact.html"

    def get(self, request, user_id):
        self.setup_member(request, user_id)
        return self.render_page(request, ContactMemberForm())

    def post(self, request, user_id):
        self.setup_member(request, user_id)
        form = ContactMemberForm(request.POST)
        if form.is_valid():
            try:
                actions.contact_member(
                    moderator=request.user,
                    member=self.member,
                    body=form.cleaned_data["body"],
                    alert=self.alert,
                    report=self.report,
                )
            except PermissionDenied as refusal:
                form.add_error(None, str(refusal))
            except ValidationError as refusal:
                form.add_error("body", " ".join(refusal.messages))
            else:
                name = self.member.profile.display_name
                messages.success(request, f"Your message is sent to {name}.")
                url = reverse("safety:moderation_contact", args=[self.member.pk])
                return redirect(url + self.link_query)
        return self.render_page(request, form, status=400)

    def render_page(self, request, form, status=200):
        conversation = None
        if self.member.pk != request.user.pk:
            conversation = moderator_conversation(moderator=request.user, member=self.member)
        earlier = []
        if conversation is not None:
            earlier = actions.conversation_so_far(conversation)
        context = {
            **self.base_context(),
            "form": form,
            "conversation": conversation,
            "earlier": earlier,
            "is_self": self.member.pk == request.user.pk,
        }
        return render(request, self.template_name, context, status=status)


class ModerationSuspendView(_MemberActionView):
    template_name = TEMPLATES + "suspend.html"

    def get(self, request, user_id):
        self.setup_member(request, user_id)
        return self.render_page(request, SuspendMemberForm())

    def post(self, request, user_id):
        self.setup_member(request, user_id)
        form = SuspendMemberForm(request.POST)
        if form.is_valid():
            try:
                suspension = actions.suspend_member(
                    moderator=request.user,
                    member=self.member,
                    reason=form.cleaned_data["reason"],
                    length=form.cleaned_data["length"],
                    alert=self.alert,
                    report=self.report,
                )
            except ValidationError as refusal:
                form.add_error(None, " ".join(refusal.messages))
            else:
                name = self.member.profile.display_name
                until = actions.until_label(suspension.ends_at)
                messages.success(request, f"{name}\u2019s posting is paused {until}.")
                url = reverse("safety:moderation_suspend", args=[self.member.pk])
                return redirect(url + self.link_query)
        return self.render_page(request, form, status=400)

    def render_page(self, request, form, *, lift_forms=None, status=200):
        current = actions.current_suspensions(self.member)
        lift_forms = lift_forms or {}
        for suspension in current:
            suspension.until = actions.until_label(suspension.ends_at)
            suspension.lift_form = lift_forms.get(suspension.pk) or LiftSuspensionForm(
                prefix=f"lift-{suspension.pk}"
            )
        past = actions.past_suspensions(self.member)
        context = {
            **self.base_context(),
            "form": form,
            "current": current,
            "past": past,
            "lift_errors": any(s.lift_form.errors for s in current),
            "is_self": self.member.pk == request.user.pk,
        }
        return render(request, self.template_name, context, status=status)


class ModerationLiftSuspensionView(ModerationSuspendView):
    """POST only: lift one of the member's current suspensions, with a reason."""

    http_method_names = ["post"]

    def post(self, request, user_id, suspension_id):
        self.setup_member(request, user_id)
        suspension = actions.access_suspension(member=self.member, suspension_id=suspension_id)
        form = LiftSuspensionForm(request.POST, prefix=f"lift-{suspension.pk}")
        if form.is_valid():
            try:
                actions.lift_suspension(
                    moderator=request.user,
                    suspension=suspension,
                    reason=form.cleaned_data["reason"],
                    alert=self.alert,
                    report=self.report,
                )
            except ValidationError as refusal:
                messages.error(request, " ".join(refusal.messages))
            else:
                name = self.member.profile.display_name
                messages.success(request, f"{name} can post and send messages again.")
            url = reverse("safety:moderation_suspend", args=[self.member.pk])
            return redirect(url + self.link_query)
        return self.render_page(
            request, SuspendMemberForm(), lift_forms={suspension.pk: form}, status=400
        )


class ModeratorDutyView(ModeratorView):
    """POST on_duty=1|0, then back to the queue."""

    def post(self, request):
        form = ModeratorDutyForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose on duty or off duty.")
            return redirect("safety:moderation_queue")
        on_duty = form.cleaned_data["on_duty"]
        actions.set_moderator_duty(moderator=request.user, on_duty=on_duty)
        if on_duty:
            messages.success(
                request,
                "You are on duty. You'll be told about urgent alerts nobody has claimed.",
            )
        else:
            messages.success(request, "You are off duty.")
        return redirect("safety:moderation_queue")
