from ninja import Router

from alongside.accounts import selectors
from alongside.accounts.actions import profile_text_changed
from alongside.accounts.forms import SHARE_ANSWERS, ProfileForm
from alongside.accounts.permissions import access_member_by_id
from alongside.accounts.presenters import visible_profile
from alongside.accounts.privacy import PRIVATE_FIELDS
from alongside.accounts.roles import roles_of
from alongside.accounts.twofactor import has_totp
from alongside.api.errors import FormErrors, form_as_input
from alongside.api.schemas import (
    ERRORS,
    MeOut,
    OwnProfileOut,
    OwnProfileSavedOut,
    ProfileOut,
    ProfilePatch,
    TopicOut,
)
from alongside.safety.support import writer_support

router = Router(tags=["accounts"])


@router.get("/me", response={200: MeOut, **ERRORS}, summary="Who am I")
def me(request):
    user = request.auth
    return {
        "id": user.pk,
        "email": user.email,
        "display_name": selectors.display_name_for(user),
        "roles": ["member", *(role.value for role in roles_of(user))],
        "two_factor_enabled": has_totp(user),
    }


def _own_profile(user) -> dict:
    profile = selectors.profile_with_topics(user=user)
    user.profile = profile
    return {
        **visible_profile(viewer=user, owner=user),
        "visibility": {field: profile.visibility_of(field) for field in PRIVATE_FIELDS},
        "text_held": profile.text_held,
        "access_needs_shared": profile.access_needs_shared,
    }


@router.get("/me/profile", response={200: OwnProfileOut, **ERRORS}, summary="Your profile")
def read_own_profile(request):
    return _own_profile(request.auth)


def _form_data(profile) -> dict:
    """The profile as ProfileForm input, so a partial update validates exactly like the page."""
    return form_as_input(ProfileForm(instance=profile))


@router.patch(
    "/me/profile",
    response={200: OwnProfileSavedOut, **ERRORS},
    summary="Change your profile",
    description="Send only the fields to change. Validation is the same as the profile page. "
    "Changed free text (`would_like_to_receive`, `could_offer`, `access_needs_other`) is "
    "risk-checked like a post: `safety` is not null when the check found something, and "
    "urgent text is held (`text_held`: only you and moderators see it meanwhile).",
)
def update_own_profile(request, payload: ProfilePatch):
    user = request.auth
    profile = selectors.profile_with_topics(user=user)
    data = _form_data(profile)
    changes = payload.model_dump(exclude_unset=True)
    visibility = changes.pop("visibility", None) or {}
    unknown = sorted(set(visibility) - set(PRIVATE_FIELDS))
    if unknown:
        raise FormErrors.from_messages(
            {"visibility": [f"Unknown profile field: {', '.join(unknown)}."]}
        )
    if "access_needs_shared" in changes:
        changes["access_needs_shared"] = SHARE_ANSWERS[changes["access_needs_shared"]]
    data.update({key: ("" if value is None else value) for key, value in changes.items()})
    data.update({f"visibility_{field}": level for field, level in visibility.items()})
    form = ProfileForm(data, instance=profile)
    if not (form.is_valid() and form.apply(actor=user)):
        raise FormErrors(form)
    saved = _own_profile(user)
    return {**saved, "safety": _safety(user) if profile_text_changed(form.changed_data) else None}


def _safety(user) -> dict | None:
    """What the member should see at once about the free text they just wrote."""
    profile = user.profile
    support = writer_support(user=user, risk=profile.risk, held=profile.text_held)
    return support.as_dict() if support else None


@router.get(
    "/members/{user_id}",
    response={200: ProfileOut, **ERRORS},
    summary="A member's profile",
    description="Only the fields the member has chosen to show you are included.",
    # A field hidden from you is left out, not null: null means "shown, but not filled in".
    exclude_unset=True,
)
def read_member(request, user_id: int):
    member = access_member_by_id(viewer=request.auth, user_id=user_id)
    member.profile = selectors.profile_with_topics(user=member)
    return visible_profile(viewer=request.auth, owner=member)


@router.get("/topics", response={200: list[TopicOut], **ERRORS}, summary="Topics of experience")
def list_topics(request):
    return list(selectors.active_topics())
