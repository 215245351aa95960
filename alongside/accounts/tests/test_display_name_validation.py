"""Display names: tidied, checked for form and reserved words; the profile form never crashes."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.accounts.forms import ProfileForm
from alongside.accounts.models import Profile
from alongside.accounts.privacy import DEFAULT_VISIBILITY
from alongside.accounts.validators import clean_display_name_text


def full_width(text: str) -> str:
    """The look-alike of ASCII `text` in full-width letters."""
    return "".join(chr(ord(ch) + 0xFEE0) for ch in text)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Robin", "Robin"),
        ("Zoe\N{COMBINING DIAERESIS}", "Zo\N{LATIN SMALL LETTER E WITH DIAERESIS}"),
        (full_width("Robin"), "Robin"),
        ("Robin\N{NO-BREAK SPACE}Hart", "Robin Hart"),
        ("  Robin   Hart ", "Robin Hart"),
        ("Robin\tHart\n", "Robin Hart"),
        ("O'Brien", "O'Brien"),
        ("Mary-Jane", "Mary-Jane"),
        ("J.R. Smith", "J.R. Smith"),
        ("Zoë", "Zoë"),
        ("Siân", "Siân"),
        ("李雷", "李雷"),
        ("Sam_2", "Sam_2"),
        ("42", "42"),
        ("R" * 40, "R" * 40),
    ],
)
def test_acceptable_names_are_tidied(typed, stored):
    assert clean_display_name_text(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "at least 2 characters"),
        ("R", "at least 2 characters"),
        ("   R   ", "at least 2 characters"),
        ("R" * 41, "40 characters or fewer"),
        ("robin@example.org", "can't contain @"),
        ("@robin", "can't contain @"),
        ("-Robin", "starting with a letter or number"),
        ("'Robin", "starting with a letter or number"),
        ("Robin!", "Use letters, numbers, spaces"),
        ("<b>Robin</b>", "Use letters, numbers, spaces"),
        ("Robin \N{SMILING FACE WITH SMILING EYES}", "Use letters, numbers, spaces"),
        ("Moderator", "That name is reserved"),
        ("MODERATOR", "That name is reserved"),
        ("admin", "That name is reserved"),
        ("Deleted   Member", "That name is reserved"),
        ("Alongside", "That name is reserved"),
        (full_width("Moderator"), "That name is reserved"),
        ("robin\N{FULLWIDTH COMMERCIAL AT}example.org", "can't contain @"),
        ("Ro\N{ZERO WIDTH SPACE}bin", "Use letters, numbers, spaces"),
    ],
)
def test_unacceptable_names_are_refused_with_a_reason(typed, message):
    with pytest.raises(ValidationError) as raised:
        clean_display_name_text(typed)

    assert message in raised.value.messages[0]


def profile_form(profile, **fields) -> ProfileForm:
    visibility = {f"visibility_{field}": level for field, level in DEFAULT_VISIBILITY.items()}
    return ProfileForm({"display_name": "Robin", **visibility, **fields}, instance=profile)


def test_the_profile_form_refuses_a_name_taken_in_another_case(member, other_member):
    form = profile_form(member.profile, display_name="sAM")

    assert not form.is_valid()
    assert "That display name is already taken" in form.errors["display_name"][0]


def test_the_profile_form_refuses_a_look_alike_of_a_taken_name(member, other_member):
    form = profile_form(member.profile, display_name=full_width("Sam"))

    assert not form.is_valid()
    assert "That display name is already taken" in form.errors["display_name"][0]


def test_the_profile_form_accepts_your_own_name_in_another_case(member):
    form = profile_form(member.profile, display_name="ROBIN")

    assert form.is_valid(), form.errors


# Any text, including control characters, NUL, and characters outside the BMP, mixed with
# text that is nearly right so that valid forms are tried too.
ANY_TEXT = st.text(max_size=250)
NAMES = st.one_of(ANY_TEXT, st.from_regex(r"[A-Za-z0-9][\w .'-]{0,45}", fullmatch=True))
PLACES = st.one_of(
    ANY_TEXT,
    st.sampled_from(["Cardiff", "newport", "Newport, Wales", "London, Canada", "St. Helens"]),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(display_name=NAMES, pronouns=ANY_TEXT, place=PLACES)
def test_the_profile_form_only_ever_returns_errors(other_member, display_name, pronouns, place):
    profile = Profile.objects.get(pk=other_member.profile.pk)
    form = profile_form(profile, display_name=display_name, pronouns=pronouns, place=place)

    if form.is_valid():
        cleaned = form.cleaned_data
        assert clean_display_name_text(cleaned["display_name"]) == cleaned["display_name"]
        assert len(cleaned["pronouns"]) <= 40
        assert cleaned["place"] == "" or form.resolved_place.label == cleaned["place"]
    else:
        assert set(form.errors) <= {"display_name", "pronouns", "place"}
        assert all(isinstance(m, str) and m for ms in form.errors.values() for m in ms)
