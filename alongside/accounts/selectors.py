from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from alongside.accounts.models import ApiToken, Profile, Topic, User


def display_name_for(user) -> str:
    """What others see instead of the email address (used by allauth too)."""
    return str(user)


def display_name_taken(name: str, *, exclude_profile: Profile | None = None) -> bool:
    profiles = Profile.objects.filter(display_name__iexact=name)
    if exclude_profile is not None and exclude_profile.pk:
        profiles = profiles.exclude(pk=exclude_profile.pk)
    return profiles.exists()


def all_topics() -> QuerySet[Topic]:
    return Topic.objects.all()


def active_topics() -> QuerySet[Topic]:
    return Topic.objects.filter(is_active=True)


def active_api_tokens(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True)


def members_for_staff_list(*, search: str = "") -> QuerySet[User]:
    users = (
        User.objects.filter(is_active=True, profile__isnull=False)
        .select_related("profile")
        .prefetch_related("groups")
        .order_by("profile__display_name")
    )
    if search:
        users = users.filter(profile__display_name__icontains=search)
    return users


def profile_with_topics(*, user: User) -> Profile:
    """The user's own profile. Accounts made by a script without one get a 404, not a 500."""
    return get_object_or_404(Profile.objects.prefetch_related("topics"), user=user)
