"""A request entered by a coordinator on a member's behalf: find the member, then fill in
the same form the member would."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from alongside.matching.actions import requests as actions
from alongside.matching.forms_staff import OnBehalfRequestForm
from alongside.matching.selectors_people import open_request_of
from alongside.matching.staff_views.base import CoordinatorView, render_page
from alongside.safety import cases
from alongside.safety.forms_cases import MemberSearchForm


def member_by_id(value):
    try:
        member_id = int(value)
    except (TypeError, ValueError):
        return None
    return (
        get_user_model()
        .objects.filter(pk=member_id, is_active=True, profile__isnull=False)
        .select_related("profile")
        .first()
    )


class RequestNewView(CoordinatorView):
    def get(self, request):
        member = member_by_id(request.GET.get("member"))
        form = None
        if member is not None:
            form = OnBehalfRequestForm(
                initial={
                    "member": member.pk,
                    **OnBehalfRequestForm.initial_from_profile(member.profile),
                }
            )
        return self.render_form(request, member, form)

    def post(self, request):
        member = member_by_id(request.POST.get("member"))
        if member is None:
            return self.render_form(
                request, None, None, problem="Choose who the request is for first.", status=400
            )
        form = OnBehalfRequestForm(request.POST)
        if form.is_valid():
            existing = open_request_of(member, form.cleaned_data["kind"])
            if existing is not None:
                form.add_error(
                    "kind",
                    f"{member.profile.display_name} already has an open request for "
                    f"{existing.get_kind_display().lower()}. Change that one instead.",
                )
                return self.render_form(request, member, form, existing=existing, status=400)
            try:
                support_request = actions.create_support_request(
                    member=member,
                    actor=request.user,
                    data=form.data_for_action(),
                    source=form.cleaned_data["source"],
                )
            except ValidationError as error:
                form.add_action_error(error)
            else:
                messages.success(
                    request,
                    f"Added {member.profile.display_name}'s request to the waiting list.",
                )
                return redirect("matching_staff:request", request_id=support_request.pk)
        return self.render_form(request, member, form, status=400)

    def render_form(self, request, member, form, *, existing=None, problem="", status=200):
        search_form = MemberSearchForm(request.GET if "q" in request.GET else None)
        search, results, more = "", [], False
        if member is None and search_form.is_bound and search_form.is_valid():
            search = search_form.cleaned_data["q"]
            results = cases.members_matching(search=search)
            more = len(results) > cases.MEMBER_SEARCH_LIMIT
            results = results[: cases.MEMBER_SEARCH_LIMIT]
        context = {
            "member": member,
            "form": form,
            "existing": existing,
            "search_form": search_form,
            "search": search,
            "results": results,
            "more_results": more,
            "problem": problem,
            "has_errors": bool(problem) or bool(form is not None and form.errors),
        }
        return render_page(request, "request_new.html", context, status=status)
