"""Every change to accounts, profiles, roles and tokens. Each is one transaction with an
audit entry; views, API endpoints and commands call these and nothing else writes."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from alongside.accounts.models import ApiToken, Profile, Topic, User
from alongside.accounts.places import Place
from alongside.accounts.roles import Role
from alongside.common.audit import record_audit


@transaction.atomic
def create_profile(*, user: User, display_name: str) -> Profile:
    profile = Profile.objects.create(user=user, display_name=display_name)
    record_audit(actor=user, verb="account.signed_up", target=user)
    return profile


@transaction.atomic
def update_profile(
    *,
    profile: Profile,
    actor: User,
    changes: dict,
    topics: list[Topic] | None = None,
    place: Place | bool | None = False,
    visibility: dict[str, str] | None = None,
) -> Profile:
    """Apply validated changes. `place=False` leaves the place alone; `None` clears it."""
    # Compare against the stored row (a ModelForm has already changed the instance it holds).
    profile = Profile.objects.select_for_update().get(pk=profile.pk)
    changed = [name for name, value in changes.items() if getattr(profile, name) != value]
    for name, value in changes.items():
        setattr(profile, name, value)
    if place is not False:
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
    profile.save()
    if topics is not None:
        if {t.pk for t in profile.topics.all()} != {t.pk for t in topics}:
            changed.append("topics")
        profile.topics.set(topics)
    # Which fields changed, never their values: the audit log holds no health information.
    record_audit(
        actor=actor, verb="profile.updated", target=profile, data={"fields": sorted(changed)}
    )
    return profile


def _role_group(role: Role) -> Group:
    return Group.objects.get(name=role.value)


@transaction.atomic
def grant_role(*, user: User, role: Role, actor: User) -> None:
    user.groups.add(_role_group(role))
    record_audit(actor=actor, verb="role.granted", target=user, data={"role": role.value})


@transaction.atomic
def remove_role(*, user: User, role: Role, actor: User) -> None:
    user.groups.remove(_role_group(role))
    record_audit(actor=actor, verb="role.removed", target=user, data={"role": role.value})


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its secret key, which is never stored and shown only once."""
    key = ApiToken.generate_key()
    token = ApiToken.objects.create(
        user=user, name=name, key_hash=ApiToken.hash_key(key), hint=key[: len(ApiToken.PREFIX) + 4]
    )
    record_audit(actor=user, verb="api_token.created", target=token)
    return token, key


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
