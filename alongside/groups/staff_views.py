"""Pages for facilitators and coordinators: starting, proposing and changing groups,
publishing agreements, arranging meetings, reviewing proposed groups and venues.
Each parses the form, checks permission, calls one action, and redirects."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect, render
from django.views import View

from alongside.groups import actions, permissions
from alongside.groups.choices import GroupStatus
from alongside.groups.errors import GroupActionError
from alongside.groups.forms import AgreementForm, GroupForm, VenueForm
from alongside.groups.models import Group, Venue
from alongside.groups.selectors import current_agreement
from alongside.meetings.actions import schedule_meeting
from alongside.meetings.forms import MeetingForm
from alongside.meetings.permissions import check_schedule_meeting_permission


def group_url(group: Group) -> str:
    return f"/groups/{group.slug}/"


def _both_valid(*forms) -> bool:
    return all([form.is_valid() for form in forms])  # a list: every form shows its errors


class GroupCreateView(LoginRequiredMixin, View):
    """Coordinators and peer supporters start a group and write its first agreement."""

    template_name = "groups/manage/group_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.check_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def check_permission(self, user):
        permissions.check_create_group_permission(user)

    def get(self, request):
        return self.render_page(request, *self.forms(request))

    def post(self, request):
        form, agreement = self.forms(request, request.POST)
        if _both_valid(form, agreement):
            try:
                group = self.save(request, form, agreement)
            except GroupActionError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, self.success_message(group))
                return redirect(group_url(group))
        return self.render_page(request, form, agreement, status=400)

    def forms(self, request, data=None):
        can_set_status = permissions.is_coordinator(request.user)
        form = GroupForm(data, prefix="group", can_set_status=can_set_status)
        return form, AgreementForm(data, prefix="agreement")

    def success_message(self, group: Group) -> str:
        return f"{group.name} is ready."

    def save(self, request, form, agreement) -> Group:
        return actions.create_group(
            actor=request.user, details=form.details(), agreement=agreement.terms()
        )

    def render_page(self, request, form, agreement, status=200):
        context = {"form": form, "other_form": agreement, "title": "Start a group"}
        return render(request, self.template_name, context, status=status)


class GroupProposeView(GroupCreateView):
    """Any member may propose a self-help group; a coordinator approves it."""

    def check_permission(self, user):
        permissions.check_propose_group_permission(user)

    def success_message(self, group: Group) -> str:
        return "Thank you. A coordinator will look at your proposal soon."

    def forms(self, request, data=None):
        form = GroupForm(data, prefix="group")
        del form.fields["kind"]  # always a self-help group
        return form, AgreementForm(data, prefix="agreement")

    def save(self, request, form, agreement) -> Group:
        return actions.propose_self_help_group(
            proposer=request.user, details=form.details(), agreement=agreement.terms()
        )

    def render_page(self, request, form, agreement, status=200):
        context = {
            "form": form,
            "other_form": agreement,
            "title": "Propose a self-help group",
            "intro": "Self-help groups are run by their members. Tell us about the group "
            "you'd like to start; a coordinator will read it and let you know.",
        }
        return render(request, self.template_name, context, status=status)


class _GroupStaffView(LoginRequiredMixin, View):
    """A page about one group, for its facilitators and coordinators."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.group = permissions.access_group_by_slug(user=request.user, slug=kwargs["slug"])
        self.check_permission(request.user, self.group)
        return super().dispatch(request, *args, **kwargs)

    def check_permission(self, user, group):
        permissions.check_edit_group_permission(user, group)


class GroupEditView(_GroupStaffView):
    template_name = "groups/manage/group_form.html"

    def get(self, request, slug):
        return self.render_page(request, self.form())

    def post(self, request, slug):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                actions.update_group(group=self.group, actor=request.user, details=form.details())
            except GroupActionError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(request, "The group's details are saved.")
                return redirect(group_url(self.group))
        return self.render_page(request, form, status=400)

    def form(self, data=None):
        can_set_status = permissions.is_coordinator(self.request.user)
        instance = Group.objects.get(pk=self.group.pk)  # the form changes what it holds
        return GroupForm(data, instance=instance, prefix="group", can_set_status=can_set_status)

    def render_page(self, request, form, status=200):
        context = {"form": form, "group": self.group, "title": f"Change {self.group.name}"}
        return render(request, self.template_name, context, status=status)


class AgreementPublishView(_GroupStaffView):
    template_name = "groups/manage/agreement_form.html"

    def get(self, request, slug):
        latest = current_agreement(group=self.group)
        initial = {}
        if latest is not None:
            initial = {
                "ground_rules": latest.ground_rules,
                "confidentiality": latest.confidentiality,
                "how_we_treat_each_other": latest.how_we_treat_each_other,
            }
        return self.render_page(request, AgreementForm(initial=initial), latest)

    def post(self, request, slug):
        form = AgreementForm(request.POST)
        if not form.is_valid():
            latest = current_agreement(group=self.group)
            return self.render_page(request, form, latest, status=400)
        agreement = actions.publish_agreement(
            group=self.group, actor=request.user, terms=form.terms()
        )
        messages.success(
            request,
            f"Version {agreement.version} of the agreement is published. Members will be "
            "asked to accept it before their next meeting.",
        )
        return redirect(group_url(self.group))

    def render_page(self, request, form, latest, status=200):
        context = {"form": form, "group": self.group, "latest": latest}
        return render(request, self.template_name, context, status=status)


class MeetingScheduleView(_GroupStaffView):
    template_name = "groups/manage/meeting_form.html"

    def check_permission(self, user, group):
        check_schedule_meeting_permission(user, group)

    def get(self, request, slug):
        return self.render_page(request, MeetingForm(label_suffix=""))

    def post(self, request, slug):
        form = MeetingForm(request.POST, label_suffix="")
        if not form.is_valid():
            return self.render_page(request, form, status=400)
        meeting = schedule_meeting(group=self.group, actor=request.user, **form.meeting_fields())
        first = meeting.occurrences.order_by("starts_at").first()
        dates = meeting.occurrences.count()
        messages.success(
            request, f"{meeting.title} is arranged: {dates} date{'s' if dates != 1 else ''}."
        )
        return redirect("meetings:occurrence", occurrence_id=first.pk)

    def render_page(self, request, form, status=200):
        context = {"form": form, "group": self.group}
        return render(request, self.template_name, context, status=status)


class ProposedGroupListView(LoginRequiredMixin, View):
    """Coordinators approve or decline the self-help groups members propose."""

    template_name = "groups/manage/proposed_groups.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            permissions.check_review_group_permission(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        groups = (
            Group.objects.filter(status=GroupStatus.PROPOSED)
            .select_related("proposed_by__profile", "venue")
            .order_by("created_at", "pk")
        )
        return render(request, self.template_name, {"groups": groups})


class ProposedGroupReviewView(ProposedGroupListView):
    http_method_names = ["post"]

    def post(self, request, group_id):
        group = permissions.access_group_by_id(user=request.user, group_id=group_id)
        decision = request.POST.get("decision")
        try:
            if decision == "approve":
                actions.approve_group(group=group, actor=request.user)
                messages.success(request, f"{group.name} is approved and now listed.")
            elif decision == "decline":
                reason = request.POST.get("reason", "")[:1000]
                actions.decline_group(group=group, actor=request.user, reason=reason)
                messages.success(request, f"{group.name} is declined.")
            else:
                messages.error(request, "Choose approve or decline.")
        except GroupActionError as error:
            messages.error(request, error.messages[0])
        return redirect("groups_manage:proposed")


class _VenueStaffView(LoginRequiredMixin, View):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            permissions.check_manage_venues_permission(request.user)
        return super().dispatch(request, *args, **kwargs)


class VenueListView(_VenueStaffView):
    def get(self, request):
        venues = Venue.objects.order_by("name", "pk")
        return render(request, "groups/manage/venues.html", {"venues": venues})


class VenueCreateView(_VenueStaffView):
    template_name = "groups/manage/venue_form.html"

    def get(self, request):
        return render(request, self.template_name, {"form": VenueForm(), "title": "Add a venue"})

    def post(self, request):
        form = VenueForm(request.POST)
        if not form.is_valid():
            context = {"form": form, "title": "Add a venue"}
            return render(request, self.template_name, context, status=400)
        venue = actions.create_venue(actor=request.user, details=form.details())
        messages.success(request, f"{venue.name} is added.")
        return redirect("groups_manage:venues")


class VenueEditView(_VenueStaffView):
    template_name = "groups/manage/venue_form.html"

    def get(self, request, venue_id):
        venue = self.venue(venue_id)
        context = {"form": VenueForm(instance=venue), "title": f"Change {venue.name}"}
        return render(request, self.template_name, context)

    def post(self, request, venue_id):
        venue = self.venue(venue_id)
        form = VenueForm(request.POST, instance=self.venue(venue_id))
        if not form.is_valid():
            context = {"form": form, "title": f"Change {venue.name}"}
            return render(request, self.template_name, context, status=400)
        actions.update_venue(venue=venue, actor=request.user, details=form.details())
        messages.success(request, f"{venue.name} is saved.")
        return redirect("groups_manage:venues")

    @staticmethod
    def venue(venue_id) -> Venue:
        try:
            return Venue.objects.get(pk=venue_id)
        except Venue.DoesNotExist as error:
            raise Http404("No such venue.") from error
