"""Every change to accounts, profiles, roles and tokens. Each is one transaction with an
audit entry; views, API endpoints and commands call these and nothing else writes."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from alongside.accounts.models import ApiToken, Profile, Topic, User
from alongside.accounts.places import Place
from alongside.accounts.roles import Role
from alongside.common.audit import record_audit
from alongside.community.text import TextPurpose, prepare_member_text
from alongside.safety.alerts import raise_alert
from alongside.safety.risk import RiskAssessment
from alongside.safety.risk.stored import apply_risk, combine

# A change to these brings the member's access tasks up to date.
ACCESS_FIELDS = frozenset({"access_needs", "access_needs_other", "access_needs_shared"})


class DisplayNameTaken(ValidationError):
    """Someone else took the name between the form's check and the save."""

    def __init__(self):
        super().__init__("That display name is already taken. Try adding a word or number.")


# Passed as `place` to update_profile: leave the stored place as it is.
UNCHANGED = object()

# The profile's free text, which goes through the safety net's risk check like a post.
PROFILE_TEXT_FIELDS = ("would_like_to_receive", "could_offer", "access_needs_other")


def _save_profile(profile: Profile, **kwargs) -> None:
    try:
        with transaction.atomic():  # a savepoint, so the caller's transaction survives
            profile.save(**kwargs)
    except IntegrityError as error:
        if Profile.objects.filter(display_name__iexact=profile.display_name).exists():
            raise DisplayNameTaken() from error
        raise


@transaction.atomic
def create_profile(*, user: User, display_name: str) -> Profile:
    profile = Profile(user=user, display_name=display_name)
    _save_profile(profile)
    record_audit(actor=user, verb="account.signed_up", target=user)
    return profile


@transaction.atomic
def create_member(
    *, email: str, password: str, display_name: str, email_verified: bool = False
) -> User:
    """An account with its profile, for commands and staff; sign-up goes through allauth,
    whose adapter calls create_profile in the same way."""
    user = User.objects.create_user(email=email, password=password)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=email_verified)
    create_profile(user=user, display_name=display_name)
    return user


@transaction.atomic
def update_profile(
    *,
    profile: Profile,
    actor: User,
    changes: dict,
    topics: list[Topic] | None = None,
    place: Place | object | None = UNCHANGED,
    visibility: dict[str, str] | None = None,
) -> Profile:
    """Apply validated changes. `place=None` clears the place; UNCHANGED leaves it.

    When the free text (PROFILE_TEXT_FIELDS) changes, it is risk-checked like a post: the
    profile stores the risk of its free text as a whole, urgent text is held (shown to
    nobody but the member and moderators: `text_held`), and any alert is raised."""
    # Compare against the stored row (a ModelForm has already changed the instance it holds).
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    tidied, text_risk = _checked_text(profile, changes)
    changes = {**changes, **tidied}
    changed = [name for name, value in changes.items() if getattr(profile, name) != value]
    for name, value in changes.items():
        setattr(profile, name, value)
    if text_risk is not None:
        apply_risk(profile, text_risk)
    if place is not UNCHANGED:
        new_id = place.geonameid if place else None
        if profile.place_geonameid != new_id:
            changed.append("place")
        profile.place_geonameid = new_id
        profile.place_name = place.label if place else ""
        profile.place_latitude = place.latitude if place else None
        profile.place_longitude = place.longitude if place else None
    if visibility is not None:
        merged = {**profile.visibility, **visibility}
        if merged != profile.visibility:
            changed.append("visibility")
        profile.visibility = merged
    _save_profile(profile)
    if text_risk is not None:
        raise_alert(content=profile, member=profile.user)
    if topics is not None:
        if {t.pk for t in profile.topics.all()} != {t.pk for t in topics}:
            changed.append("topics")
        profile.topics.set(topics)
    if ACCESS_FIELDS & set(changed):
        # Access tasks (staff) are built on profiles: imported here, not at the top, so
        # that accounts doesn't depend on staff when it loads.
        from alongside.staff.actions.access_tasks import sync_member_access_tasks

        profile.user.profile = profile
        sync_member_access_tasks(user=profile.user)
    # Which fields changed, never their values: the audit log holds no health information.
    record_audit(
        actor=actor, verb="profile.updated", target=profile, data={"fields": sorted(changed)}
    )
    return profile


def profile_text_changed(changed_fields) -> bool:
    """Whether a change to these fields (a form's changed_data) gets the risk check."""
    return any(name in changed_fields for name in PROFILE_TEXT_FIELDS)


def _checked_text(profile: Profile, changes: dict) -> tuple[dict, RiskAssessment | None]:
    """The changed free text, tidied as all member text is, and the risk of the profile's
    free text as it will stand (all of it together); None when none of it changes."""
    new = {
        name: changes[name]
        for name in PROFILE_TEXT_FIELDS
        if name in changes and changes[name] != getattr(profile, name)
    }
    if not new:
        return {}, None
    prepared = {
        name: prepare_member_text(
            text=new.get(name, getattr(profile, name)),
            author=profile.user,
            purpose=TextPurpose.PROFILE,
            max_length=Profile._meta.get_field(name).max_length,
            required=False,
            markdown=False,
        )
        for name in PROFILE_TEXT_FIELDS
    }
    tidied = {name: prepared[name].source for name in new}
    return tidied, combine(*(text.risk for text in prepared.values()))


def _role_group(role: Role) -> Group:
    return Group.objects.get(name=role.value)


@transaction.atomic
def grant_role(*, user: User, role: Role, actor: User | None) -> bool:
    """Returns whether anything changed; granting a role someone has is not recorded."""
    group = _role_group(role)
    if user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.add(group)
    record_audit(actor=actor, verb="role.granted", target=user, data={"role": role.value})
    return True


@transaction.atomic
def remove_role(*, user: User, role: Role, actor: User) -> bool:
    """Returns whether anything changed; removing a role someone lacks is not recorded."""
    group = _role_group(role)
    if not user.groups.filter(pk=group.pk).exists():
        return False
    user.groups.remove(group)
    record_audit(actor=actor, verb="role.removed", target=user, data={"role": role.value})
    return True


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its secret key, which is never stored and shown only once."""
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.hash_key(key), hint=key[: len(ApiToken.PREFIX) + 4]
    )
    record_audit(actor=user, verb="api_token.created", target=token)
    return token, key


def record_api_token_use(*, token: ApiToken) -> None:
    """Note when a token was last used (at most once a minute). Bookkeeping the member
    didn't ask for, so no audit entry."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


@transaction.atomic
def revoke_api_token(*, token: ApiToken, actor: User) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record_audit(actor=actor, verb="api_token.revoked", target=token)


def _unique_topic_slug(name: str, *, exclude_pk: int | None) -> str:
    base = slugify(name)[:50] or "topic"
    slug, n = base, 2
    while Topic.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def save_topic(*, topic: Topic, actor: User) -> Topic:
    """Create or update a topic from a validated form instance."""
    created = topic.pk is None
    if created:
        topic.slug = _unique_topic_slug(topic.name, exclude_pk=None)
    topic.save()
    record_audit(actor=actor, verb="topic.created" if created else "topic.updated", target=topic)
    return topic
