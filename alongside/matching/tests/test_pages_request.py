"""Asking for a mentor or befriender through the pages: the form filled in from the
profile, what is stored, plain errors beside each field with nothing stored, changing and
withdrawing a request, the support panel after worrying text, and other members kept out."""

import pytest
from django.urls import reverse

from alongside.accounts.tests.factories import TopicFactory
from alongside.matching.choices import MatchMode, RequestStatus, SupportKind
from alongside.matching.models import SupportRequest
from alongside.matching.tests.factories import MatchFactory, SupportRequestFactory
from alongside.safety.models import SafetyAlert
from alongside.safety.support import CONCERN_MESSAGE

pytestmark = pytest.mark.django_db
ASK = reverse("matching:request", args=["befriending"])
URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"


def times(*rows) -> dict:
    """Availability rows as the form posts them: ("tue", "18:00", "20:00"), ..."""
    data = {}
    for index, (day, start, end) in enumerate(rows):
        data.update(
            {
                f"availability_{index}_day": day,
                f"availability_{index}_start": start,
                f"availability_{index}_end": end,
            }
        )
    return data


def request_data(**overrides) -> dict:
    data = {
        "about": "I'd like someone to talk to on weekday evenings.",
        "modes": [MatchMode.PHONE, MatchMode.VIDEO],
        "languages": ["en"],
        "place": "",
        "age_group": "",
        **times(("tue", "18:00", "20:00")),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def field_error(html: str, field_id: str, message: str) -> bool:
    """The message is shown in the field's own block, just above the field itself."""
    start = html.index(f'id="{field_id}"')
    block_start = html.rindex('<div class="field has-error">', 0, start)
    return message in html[block_start:start]


def test_the_form_is_filled_in_from_the_profile(client_for, member):
    topic = TopicFactory(name="Loneliness", slug="loneliness")
    profile = member.profile
    profile.languages = ["cy"]
    profile.contact_modes = ["phone", "forum"]
    profile.availability = ["tue_evening"]
    profile.save()
    profile.topics.add(topic)

    html = client_for(member).get(ASK).content.decode()

    assert "<h1>Ask for a befriender</h1>" in html
    assert "<legend>What you&#x27;d like support with</legend>" in html
    assert 'value="cy" id="id_languages_' in html and "checked" in html
    assert 'name="languages" value="cy" id="id_languages_1" checked' in html
    assert 'name="modes" value="phone" id="id_modes_2" checked' in html
    assert 'name="modes" value="video" id="id_modes_1" checked' not in html
    assert 'value="forum"' not in html  # the forum is not a way to meet one to one
    assert 'name="topics" value="loneliness" id="id_topics_' in html
    assert '<option value="tue" selected>Tuesday</option>' in html
    assert '<option value="17:00" selected>17:00</option>' in html
    assert '<option value="21:00" selected>21:00</option>' in html


def test_asking_stores_the_request_and_says_what_happens_next(client_for, member):
    topic = TopicFactory(name="Loneliness", slug="loneliness")
    client = client_for(member)
    data = request_data(
        topics=["loneliness"],
        supporter_genders=["woman"],
        shared_experience_important="on",
        **times(("thu", "19:00", "21:00"), ("tue", "18:00", "20:00")),
    )

    response = client.post(ASK, data, follow=True)

    assert response.redirect_chain[-1][0] == reverse("matching:home")
    saved = SupportRequest.objects.get(member=member)
    assert saved.kind == SupportKind.BEFRIENDING and saved.status == RequestStatus.WAITING
    assert saved.about == "I'd like someone to talk to on weekday evenings."
    assert set(saved.modes) == {"phone", "video"} and saved.languages == ["en"]
    assert saved.availability == [
        {"day": "tue", "start": "18:00", "end": "20:00"},
        {"day": "thu", "start": "19:00", "end": "21:00"},
    ]
    assert list(saved.topics.all()) == [topic]
    assert saved.supporter_genders == ["woman"] and saved.shared_experience_important
    html = response.content.decode()
    assert "We&#x27;ll let you know as soon as we&#x27;ve found a befriender for you." in html
    assert "Asking for a befriender" in html and "You asked today." in html


def test_a_town_is_resolved_for_meeting_in_person(client_for, member):
    client_for(member).post(ASK, request_data(modes=["in_person"], place="Cardiff"))

    saved = SupportRequest.objects.get(member=member)
    assert saved.place_name.startswith("Cardiff") and saved.place_latitude is not None


@pytest.mark.parametrize(
    ("overrides", "field_id", "message"),
    [
        (
            times(("tue", "18:00", "20:00"), ("tue", "19:00", "21:00")),
            "id_availability",
            "Tuesday 18:00 to 20:00 and Tuesday 19:00 to 21:00 overlap.",
        ),
        (
            times(("wed", "20:00", "18:00")),
            "id_availability",
            "Make the end time later than the start time.",
        ),
        ({"modes": None}, "id_modes", "Choose at least one way you&#x27;d like to meet."),
        ({"languages": None}, "id_languages", "Choose at least one language you can use."),
        (
            {"modes": ["in_person"], "place": "Nowhereville Xq"},
            "id_place",
            "We couldn&#x27;t find a town or city called",
        ),
        (
            {"modes": ["in_person"], "place": ""},
            "id_place",
            "Tell us your home town or city so we can find someone near you",
        ),
        ({"about": "x" * 3001}, "id_about", "Keep this to 3000 characters or fewer"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_nothing_is_stored(
    client_for, member, overrides, field_id, message
):
    data = request_data()
    if any(key.startswith("availability_") for key in overrides):
        data = {k: v for k, v in data.items() if not k.startswith("availability_")}
    data.update(overrides)
    data = {key: value for key, value in data.items() if value is not None}

    response = client_for(member).post(ASK, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and f'href="#{field_id}"' in html
    assert field_error(html, field_id, message)
    assert "I&#x27;d like someone to talk to on weekday evenings." in html or "x" * 50 in html
    assert not SupportRequest.objects.exists()


def test_nothing_typed_is_lost_when_the_form_comes_back(client_for, member):
    data = request_data(modes=None, **times(("fri", "10:00", "12:00"), ("sat", "09:00", "11:00")))
    data = {key: value for key, value in data.items() if value is not None}

    html = client_for(member).post(ASK, data).content.decode()

    assert '<option value="fri" selected>Friday</option>' in html
    assert '<option value="sat" selected>Saturday</option>' in html
    assert 'name="languages" value="en" id="id_languages_0" checked' in html


def test_an_open_request_is_changed_not_duplicated(client_for, member):
    existing = SupportRequestFactory(member=member, about="Someone to talk to.")
    client = client_for(member)
    html = client.get(ASK).content.decode()
    assert "<h1>Your request for a befriender</h1>" in html and "Someone to talk to." in html

    client.post(ASK, request_data(about="Someone to walk with."))

    existing.refresh_from_db()
    assert existing.about == "Someone to walk with."
    assert SupportRequest.objects.filter(member=member).count() == 1


def test_a_proposed_request_cannot_be_changed(client_for, member):
    match = MatchFactory(request__member=member)
    client = client_for(member)

    html = client.get(ASK).content.decode()
    assert "can't be changed just now" in html
    assert reverse("matching:match", args=[match.pk]) in html
    response = client.post(ASK, request_data(about="Changed"))
    assert response.status_code == 400
    match.request.refresh_from_db()
    assert match.request.about != "Changed"


def test_an_unknown_kind_is_not_found(client_for, member):
    assert client_for(member).get("/matching/request/coaching/").status_code == 404


def test_worrying_text_is_saved_with_the_gentle_panel(client_for, member):
    client = client_for(member)
    response = client.post(ASK, request_data(about=CONCERN))

    assert response.url == reverse("matching:home")
    saved = SupportRequest.objects.get(member=member)
    assert saved.risk_level == "concern" and not saved.text_held
    assert CONCERN_MESSAGE in client.get(response.url).content.decode()


def test_urgent_text_is_held_and_the_writer_sees_support(client_for, member):
    response = client_for(member).post(ASK, request_data(about=URGENT))

    assert response.url == reverse("safety:writer_support")
    saved = SupportRequest.objects.get(member=member)
    assert saved.text_held and saved.about == URGENT
    assert SafetyAlert.objects.filter(member=member).exists()


def test_withdrawing_a_request(client_for, member):
    existing = SupportRequestFactory(member=member)
    client = client_for(member)
    url = reverse("matching:withdraw_request", args=[existing.pk])
    assert "Withdraw your request for a befriender?" in client.get(url).content.decode()

    response = client.post(url, follow=True)

    existing.refresh_from_db()
    assert existing.status == RequestStatus.WITHDRAWN
    assert "You&#x27;ve withdrawn your request." in response.content.decode()


def test_a_matched_request_offers_its_match_page_not_a_withdraw_button(client_for, member):
    match = MatchFactory(request__member=member, status="active")
    SupportRequest.objects.filter(pk=match.request_id).update(status=RequestStatus.MATCHED)
    url = reverse("matching:withdraw_request", args=[match.request_id])

    html = client_for(member).get(url).content.decode()

    assert "Withdraw my request" not in html
    assert reverse("matching:match", args=[match.pk]) in html


def test_another_members_request_is_not_found(client_for, member, other_member):
    existing = SupportRequestFactory(member=member)
    client = client_for(other_member)
    url = reverse("matching:withdraw_request", args=[existing.pk])

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    existing.refresh_from_db()
    assert existing.status == RequestStatus.WAITING


def test_visitors_are_asked_to_log_in(client):
    response = client.get(ASK)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
