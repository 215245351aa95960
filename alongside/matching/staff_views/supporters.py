"""Supporters: applications and caseloads, and one supporter's onboarding record."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse

from alongside.matching.actions import supporters as actions
from alongside.matching.availability import describe_blocks, half_hours
from alongside.matching.choices import (
    MatchStatus,
    SupporterStatus,
    SupportKind,
)
from alongside.matching.forms_staff import DecisionForm, HoldForm, OnboardingForm, TrainingForm
from alongside.matching.models import Match
from alongside.matching.permissions import access_supporter_profile_by_id
from alongside.matching.selectors_people import supporters_for_coordinator
from alongside.matching.staff_views.base import (
    CoordinatorFormView,
    CoordinatorView,
    age_group_names,
    gender_names,
    labels,
    language_names,
    mode_names,
    render_page,
)


def _count_of(status):
    counted = (
        Match.objects.filter(supporter=OuterRef("user_id"), status=status)
        .order_by()
        .values("supporter")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_caseload(queryset):
    return queryset.annotate(
        active_count=_count_of(MatchStatus.ACTIVE),
        proposed_count=_count_of(MatchStatus.PROPOSED),
    ).select_related("user__profile")


class SupporterListView(CoordinatorView):
    def get(self, request):
        context = {
            "applications": with_caseload(
                supporters_for_coordinator(status=SupporterStatus.APPLIED)
            ),
            "approved": with_caseload(supporters_for_coordinator(status=SupporterStatus.APPROVED)),
        }
        return render_page(request, "supporters.html", context)


def supporter_url(profile, anchor=""):
    return reverse("matching_staff:supporter", kwargs={"profile_id": profile.pk}) + anchor


def render_supporter(request, profile, *, bound=None, problem="", status=200):
    bound = bound or {}
    profile = (
        with_caseload(type(profile).objects.filter(pk=profile.pk))
        .prefetch_related("topics", "training__recorded_by__profile")
        .get()
    )
    topics = [topic.name for topic in profile.topics.all()]
    context = {
        "profile": profile,
        "kinds": labels(profile.kinds, SupportKind.choices),
        "topics": topics,
        "languages": language_names(profile.languages),
        "modes": mode_names(profile.modes),
        "availability": describe_blocks(half_hours(profile.availability)),
        "age_group": age_group_names([profile.age_group] if profile.age_group else []),
        "gender": gender_names([profile.gender] if profile.gender else []),
        "comfortable": age_group_names(profile.comfortable_age_groups),
        "onboarding_form": bound.get("onboarding")
        or OnboardingForm(initial=OnboardingForm.initial_from(profile)),
        "training_form": bound.get("training") or TrainingForm(),
        "decision_form": bound.get("decision") or DecisionForm(),
        "hold_form": bound.get("hold") or HoldForm(),
        "is_applied": profile.status == SupporterStatus.APPLIED,
        "matches": Match.objects.filter(supporter=profile.user)
        .select_related("member__profile")
        .order_by("-created_at", "-id"),
        "problem": problem,
        "has_errors": bool(problem) or any(form.errors for form in bound.values()),
    }
    return render_page(request, "supporter.html", context, status=status)


class SupporterDetailView(CoordinatorView):
    def get(self, request, profile_id):
        profile = access_supporter_profile_by_id(user=request.user, profile_id=profile_id)
        return render_supporter(request, profile)


class SupporterFormView(CoordinatorFormView):
    """One form on a supporter's page."""

    def access(self, request, *, profile_id):
        return access_supporter_profile_by_id(user=request.user, profile_id=profile_id)

    def render_again(self, request, profile, **kwargs):
        return render_supporter(request, profile, **kwargs)

    def success_url(self, profile) -> str:
        return supporter_url(profile)


class SupporterOnboardingView(SupporterFormView):
    form_class = OnboardingForm
    key = "onboarding"

    def save(self, request, profile, data) -> str:
        actions.record_onboarding(profile=profile, actor=request.user, **data)
        return "Saved the onboarding record."


class SupporterTrainingView(SupporterFormView):
    form_class = TrainingForm
    key = "training"

    def save(self, request, profile, data) -> str:
        actions.add_training(profile=profile, actor=request.user, **data)
        return f"Added the course \u201c{data['course_name']}\u201d."


class SupporterDecisionView(SupporterFormView):
    form_class = DecisionForm
    key = "decision"

    def save(self, request, profile, data) -> str:
        name = profile.user.profile.display_name
        if data["decision"] == "approve":
            actions.approve_supporter(profile=profile, actor=request.user, note=data["note"])
            return f"{name} is now a peer supporter and can be matched."
        actions.decline_supporter(profile=profile, actor=request.user, note=data["note"])
        return f"Declined {name}'s application."


class SupporterHoldView(SupporterFormView):
    form_class = HoldForm
    key = "hold"

    def save(self, request, profile, data) -> str:
        actions.set_safeguarding_hold(
            profile=profile, actor=request.user, hold=data["hold"], note=data["note"]
        )
        if data["hold"]:
            return "Safeguarding hold on: they won't be proposed for new matches."
        return "Safeguarding hold off: they can be proposed again."
