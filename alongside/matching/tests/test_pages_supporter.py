"""Offering support through the pages: applying (filled in from the profile), the status
explained, plain errors with nothing stored, changing the profile, taking a break, and the
caseload."""

import pytest
from django.urls import reverse

from alongside.matching.choices import MatchMode, MatchStatus, SupporterStatus
from alongside.matching.models import SupporterProfile
from alongside.matching.tests.factories import MatchFactory, SupporterProfileFactory
from alongside.matching.tests.test_pages_request import field_error, times

pytestmark = pytest.mark.django_db
APPLY = reverse("matching:apply")
AREA = reverse("matching:supporter")
EDIT = reverse("matching:supporter_edit")


def supporter_data(**overrides) -> dict:
    data = {
        "kinds": ["befriending"],
        "motivation": "Someone was there for me, and I'd like to be there for someone else.",
        "experience": "I've lived with depression and know how much a weekly chat helps.",
        "languages": ["en"],
        "modes": [MatchMode.PHONE],
        "place": "",
        "max_distance_km": "",
        "capacity": "2",
        "age_group": "",
        "gender": "",
        **times(("mon", "10:00", "12:00")),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_supporter_area_invites_members_to_apply(client_for, member):
    html = client_for(member).get(AREA).content.decode()
    assert "<h1>Becoming a mentor or befriender</h1>" in html
    assert f'href="{APPLY}"' in html


def test_applying_stores_the_application_and_explains_what_happens(client_for, member):
    client = client_for(member)
    form = client.get(APPLY).content.decode()
    assert "<h1>Become a mentor or befriender</h1>" in form

    response = client.post(APPLY, supporter_data(), follow=True)

    assert response.redirect_chain[-1][0] == AREA
    profile = SupporterProfile.objects.get(user=member)
    assert profile.status == SupporterStatus.APPLIED
    assert profile.kinds == ["befriending"] and profile.capacity == 2
    assert profile.availability == [{"day": "mon", "start": "10:00", "end": "12:00"}]
    html = response.content.decode()
    assert "A coordinator will get in touch to arrange a chat and training." in html
    assert "<h1>Your supporter area</h1>" in html


def test_applying_twice_goes_to_the_supporter_area(client_for, member):
    SupporterProfileFactory(user=member, status=SupporterStatus.APPLIED)
    response = client_for(member).get(APPLY)
    assert response.status_code == 302 and response["Location"] == AREA


def test_someone_declined_can_apply_again(client_for, member):
    SupporterProfileFactory(
        user=member, status=SupporterStatus.DECLINED, decision_note="Not the right time."
    )
    client = client_for(member)
    assert f'href="{APPLY}"' in client.get(AREA).content.decode()

    response = client.post(APPLY, supporter_data(), follow=True)

    assert response.redirect_chain[-1][0] == AREA
    profile = SupporterProfile.objects.get(user=member)
    assert profile.status == SupporterStatus.APPLIED and profile.decision_note == ""


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        ({"capacity": "0"}, "id_capacity", "Choose between 1 and 10 people at once."),
        ({"capacity": "1000"}, "id_capacity", "Choose between 1 and 10 people at once."),
        ({"modes": None}, "id_modes", "Choose at least one way you&#x27;d like to meet."),
        ({"kinds": None}, "id_kinds", "Choose mentoring, befriending or both."),
        (
            {"modes": ["in_person"], "place": "Cardiff", "max_distance_km": ""},
            "id_max_distance_km",
            "Say how far you&#x27;d travel to meet in person",
        ),
        (
            {"modes": ["in_person"], "place": "Qqqzzz Town", "max_distance_km": "10"},
            "id_place",
            "We couldn&#x27;t find a town or city called",
        ),
        (
            times(("fri", "14:00", "13:00")),
            "id_availability",
            "Make the end time later than the start time.",
        ),
        (
            times(("fri", "14:00", "16:00"), ("fri", "15:00", "17:00")),
            "id_availability",
            "overlap",
        ),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_nothing_is_stored(
    client_for, member, overrides, field_id, message
):
    data = supporter_data()
    if any(key.startswith("availability_") for key in overrides):
        data = {k: v for k, v in data.items() if not k.startswith("availability_")}
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}

    response = client_for(member).post(APPLY, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and field_error(html, field_id, message)
    assert "I&#x27;ve lived with depression" in html  # nothing typed is lost
    assert not SupporterProfile.objects.exists()


def test_an_approved_supporter_sees_their_status_capacity_and_caseload(client_for, member):
    profile = SupporterProfileFactory(user=member, capacity=3)
    MatchFactory(
        supporter=member, status=MatchStatus.ACTIVE, request__member__profile__display_name="Kit"
    )
    MatchFactory(supporter=member, request__member__profile__display_name="Jo")

    html = client_for(member).get(AREA).content.decode()

    assert "You&#x27;re a peer supporter." in html
    assert "You have room for 1 more person (out of 3)." in html
    assert "Kit (befriending)" in html and "Jo (befriending)" in html
    assert html.index("Jo (befriending)") < html.index("Kit (befriending)")  # proposals first
    assert "Please say whether you&#x27;d like to go ahead." in html
    assert profile.place_name in html


def test_taking_a_break_and_coming_back(client_for, member):
    profile = SupporterProfileFactory(user=member)
    client = client_for(member)

    html = client.post(AREA, {"action": "pause"}, follow=True).content.decode()
    profile.refresh_from_db()
    assert profile.is_paused
    assert "We won&#x27;t suggest anyone new until you&#x27;re back." in html
    assert "I'm ready for new matches again" in html

    client.post(AREA, {"action": "resume"})
    profile.refresh_from_db()
    assert not profile.is_paused


def test_changing_the_supporter_profile(client_for, member):
    profile = SupporterProfileFactory(user=member, capacity=2)
    client = client_for(member)
    form = client.get(EDIT).content.decode()
    assert "<h1>Change your supporter profile</h1>" in form
    assert profile.experience.replace("'", "&#x27;") in form

    response = client.post(EDIT, supporter_data(capacity="4", kinds=["mentoring"]))

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.capacity == 4 and profile.kinds == ["mentoring"]


def test_a_bad_capacity_on_the_edit_form_changes_nothing(client_for, member):
    profile = SupporterProfileFactory(user=member, capacity=2)
    response = client_for(member).post(EDIT, supporter_data(capacity="1000"))
    assert response.status_code == 400
    assert "Choose between 1 and 10 people at once." in response.content.decode()
    profile.refresh_from_db()
    assert profile.capacity == 2


def test_editing_without_a_profile_goes_to_the_application(client_for, member):
    response = client_for(member).get(EDIT)
    assert response.status_code == 302 and response["Location"] == APPLY
