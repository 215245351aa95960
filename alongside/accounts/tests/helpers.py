"""Shared by the server-side account and API tests: form data, stored rows, shown errors."""

import re
from html import unescape

from alongside.accounts.models import Profile
from alongside.accounts.privacy import DEFAULT_VISIBILITY


def profile_form_data(**overrides) -> dict:
    """A complete, valid profile form as the browser would send it."""
    data = {
        "display_name": "Robin",
        "pronouns": "",
        "languages": [],
        "place": "",
        "contact_modes": [],
        "availability": [],
        "access_needs": [],
        "access_needs_other": "",
        "topics": [],
        "would_like_to_receive": "",
        "could_offer": "",
        **{f"visibility_{field}": level.value for field, level in DEFAULT_VISIBILITY.items()},
    }
    data.update(overrides)
    return data


def stored_profile(user) -> dict:
    """`user`'s profile row and topics as stored, for comparing before and after."""
    profile = Profile.objects.get(user=user)
    return {
        **{f.attname: getattr(profile, f.attname) for f in Profile._meta.concrete_fields},
        "topics": sorted(profile.topics.values_list("slug", flat=True)),
    }


def error_shown_for(page: str, field: str) -> str:
    """The error text shown by `field`'s input, which points to it for screen readers."""
    errors = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', page, re.S)
    described_by = re.search(
        rf'<(?:input|textarea|select|fieldset)\b[^>]*aria-describedby="[^"]*\bid_{field}_error\b',
        page,
    )
    assert errors, f"no error shown for {field}"
    assert described_by, f"the {field} input doesn't point to its error"
    return unescape(re.sub(r"<[^>]+>", " ", errors.group(1)))
