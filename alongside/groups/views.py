from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View
from django_htmx.http import HttpResponseClientRedirect

from alongside.groups import actions
from alongside.groups.access import asks_access_consent, members_with_shared_needs
from alongside.groups.choices import JoinPolicy, MembershipStatus
from alongside.groups.directory import directory_groups, with_page_details
from alongside.groups.errors import GroupActionError
from alongside.groups.filters import DirectoryFilterForm
from alongside.groups.forms import AcceptAgreementForm, JoinGroupForm
from alongside.groups.permissions import (
    access_group_by_slug,
    access_membership_by_id,
    can_edit_group,
    check_join_group_permission,
)
from alongside.groups.presenters import group_page, my_page
from alongside.groups.selectors import current_agreement, membership_of
from alongside.meetings.feed_tokens import create_calendar_feed_token, revoke_calendar_feed_token

PAGE_SIZE = 20
# A member's membership they can leave, or accept a changed agreement for.
CURRENT_STATUSES = (MembershipStatus.ACTIVE, MembershipStatus.REQUESTED)


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


class GroupDetailView(View):
    """What a group meets about, and how. Proposed and declined groups answer 404 except
    to their proposer and coordinators."""

    def get(self, request, slug):
        group = access_group_by_slug(user=request.user, slug=slug)
        return render(request, "groups/detail.html", group_page(viewer=request.user, group=group))


def _current_membership(group, user):
    membership = membership_of(group=group, user=user)
    return membership if membership and membership.status in CURRENT_STATUSES else None


class GroupJoinView(LoginRequiredMixin, View):
    """Read the agreement in full, tick to accept it, and join (or ask to)."""

    template_name = "groups/join.html"

    def render_page(self, request, group, form=None, *, problem="", status=200):
        agreement = current_agreement(group=group)
        if form is None and agreement is not None:
            form = JoinGroupForm(
                initial={"version": agreement.version},
                ask_consent=asks_access_consent(request.user),
            )
        context = {"group": group, "agreement": agreement, "form": form, "problem": problem}
        if request.htmx:  # the form swaps itself; htmx leaves 4xx responses unswapped
            return render(request, "groups/_join_form.html", context)
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug):
        group = access_group_by_slug(user=request.user, slug=slug)
        if _current_membership(group, request.user) is not None:
            return redirect("groups:detail", slug=group.slug)
        return self.render_page(request, group)

    def post(self, request, slug):
        group = access_group_by_slug(user=request.user, slug=slug)
        check_join_group_permission(request.user)
        form = JoinGroupForm(request.POST, ask_consent=asks_access_consent(request.user))
        if not form.is_valid():
            return self.render_page(request, group, form, status=400)
        try:
            actions.join_group(
                group=group,
                user=request.user,
                accepted_version=form.cleaned_data["version"],
                share_access_needs=form.share_access_needs(),
            )
        except GroupActionError as error:
            return self.render_page(request, group, problem=error.message, status=400)
        if group.join_policy == JoinPolicy.OPEN:
            messages.success(request, f"You've joined {group.name}. Welcome.")
        else:
            messages.success(
                request,
                f"You've asked to join {group.name}. A facilitator will let you know.",
            )
        url = reverse("groups:detail", args=[group.slug])
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)


class GroupMembersView(LoginRequiredMixin, View):
    """For the group's facilitators and coordinators: its members, with the access needs
    each shares from their profile (read now, so a withdrawn consent shows nothing). 404
    for everyone else, members included."""

    def get(self, request, slug):
        group = access_group_by_slug(user=request.user, slug=slug)
        if not can_edit_group(request.user, group):
            raise Http404("No such page.")
        context = {"group": group, "members": members_with_shared_needs(group=group)}
        return render(request, "groups/manage/members.html", context)


class GroupAgreementView(LoginRequiredMixin, View):
    """A member accepts the group's changed agreement."""

    template_name = "groups/agreement.html"

    def render_page(self, request, group, membership, form=None, *, problem="", status=200):
        agreement = current_agreement(group=group)
        if form is None and agreement is not None:
            form = AcceptAgreementForm(initial={"version": agreement.version})
        context = {
            "group": group,
            "membership": membership,
            "agreement": agreement,
            "form": form,
            "problem": problem,
            "up_to_date": agreement is None or membership.agreement_version == agreement.version,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, slug):
        group = access_group_by_slug(user=request.user, slug=slug)
        membership = _current_membership(group, request.user)
        if membership is None:
            return redirect("groups:join", slug=group.slug)
        return self.render_page(request, group, membership)

    def post(self, request, slug):
        group = access_group_by_slug(user=request.user, slug=slug)
        membership = _current_membership(group, request.user)
        if membership is None:
            return redirect("groups:join", slug=group.slug)
        form = AcceptAgreementForm(request.POST)
        if not form.is_valid():
            return self.render_page(request, group, membership, form, status=400)
        try:
            actions.accept_agreement(
                membership=membership, accepted_version=form.cleaned_data["version"]
            )
        except GroupActionError as error:
            return self.render_page(request, group, membership, problem=error.message, status=400)
        messages.success(request, "Thank you. You've accepted the updated group agreement.")
        return redirect("groups:detail", slug=group.slug)


class GroupLeaveView(LoginRequiredMixin, View):
    """Leave a group, or withdraw a request to join: a confirm page, then a post."""

    def get(self, request, slug):
        group = access_group_by_slug(user=request.user, slug=slug)
        membership = _current_membership(group, request.user)
        if membership is None:
            messages.info(request, "You aren't a member of this group.")
            return redirect("groups:detail", slug=group.slug)
        return render(request, "groups/leave.html", {"group": group, "membership": membership})

    def post(self, request, slug):
        group = access_group_by_slug(user=request.user, slug=slug)
        membership = _current_membership(group, request.user)
        if membership is None:
            messages.info(request, "You aren't a member of this group.")
            return redirect("groups:detail", slug=group.slug)
        was_request = membership.status == MembershipStatus.REQUESTED
        actions.leave_group(membership=membership)
        if was_request:
            messages.success(request, f"You've withdrawn your request to join {group.name}.")
        else:
            messages.success(request, f"You've left {group.name}. You can join again any time.")
        return redirect("groups:detail", slug=group.slug)


class GroupJoinRequestAnswerView(LoginRequiredMixin, View):
    """A facilitator approves or declines a request to join."""

    ANSWERS = {
        "approve": (actions.approve_join_request, "{name} is now a member."),
        "decline": (actions.decline_join_request, "You've declined {name}'s request."),
    }

    def post(self, request, slug, membership_id, answer):
        if answer not in self.ANSWERS:
            raise Http404("No such answer.")
        group = access_group_by_slug(user=request.user, slug=slug)
        membership = access_membership_by_id(
            user=request.user, group=group, membership_id=membership_id
        )
        action, done = self.ANSWERS[answer]
        try:
            action(membership=membership, actor=request.user)
        except GroupActionError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, done.format(name=membership.user))
        return redirect(reverse("groups:detail", args=[group.slug]) + "#join-requests")


class MyGroupsView(LoginRequiredMixin, View):
    """My groups, the meetings I'm going to, and my private calendar feed."""

    def get(self, request):
        return render(request, "groups/mine.html", my_page(user=request.user))


class MyCalendarFeedView(LoginRequiredMixin, View):
    """Make a private calendar feed URL, shown once; any earlier one stops working."""

    def post(self, request):
        _token, key = create_calendar_feed_token(user=request.user)
        feed_url = request.build_absolute_uri(reverse("meetings:member_calendar", args=[key]))
        context = {**my_page(user=request.user), "new_feed_url": feed_url}
        return render(request, "groups/mine.html", context)


class MyCalendarFeedRevokeView(LoginRequiredMixin, View):
    def post(self, request):
        if revoke_calendar_feed_token(user=request.user):
            messages.success(request, "Your calendar feed link no longer works.")
        return redirect("groups:mine")
