"""/api/v1/matching for members and supporters: asking for support, offering it, and a
match from proposal to reflection."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from alongside.accounts import actions as account_actions
from alongside.accounts.tests.factories import TopicFactory
from alongside.matching.choices import MatchStatus, RequestStatus, SupporterStatus
from alongside.matching.models import CheckIn, Match, SupporterProfile, SupportRequest
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/matching"
TIMES = [{"day": "tue", "start": "18:00", "end": "20:00"}]


def api_client(user) -> Client:
    _token, key = account_actions.create_api_token(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def send(client, method, path, body=None):
    if method == "get":
        return client.get(BASE + path)
    call = getattr(client, method)
    return call(BASE + path, json.dumps(body or {}), content_type="application/json")


def new_request(**overrides) -> dict:
    body = {
        "kind": "befriending",
        "about": "I'm starting a new job and would like a mentor to share ideas with.",
        "modes": ["video", "phone"],
        "availability": TIMES,
        "languages": ["en"],
    }
    body.update(overrides)
    return body


def new_supporter(**overrides) -> dict:
    body = {
        "kinds": ["befriending"],
        "motivation": "Someone listened to me once and it helped a lot.",
        "experience": "I moved cities on my own and know how lonely it can be.",
        "languages": ["en", "cy"],
        "modes": ["phone"],
        "availability": TIMES,
        "capacity": 2,
    }
    body.update(overrides)
    return body


# ---- Requests ----------------------------------------------------------------------------


def test_a_member_asks_for_a_befriender_and_sees_it_waiting(member):
    topic = TopicFactory(name="Loneliness")
    client = api_client(member)

    response = send(client, "post", "/requests", new_request(topics=[topic.slug]))

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == RequestStatus.WAITING
    assert body["topics"] == ["loneliness"]
    assert body["availability"] == TIMES
    assert body["safety"] is None
    stored = SupportRequest.objects.get(member=member)
    assert stored.modes == ["video", "phone"]
    listed = client.get(f"{BASE}/requests").json()["items"]
    assert [item["id"] for item in listed] == [stored.pk]


def test_the_writer_is_offered_support_when_the_risk_check_finds_something(member):
    about = "I've moved to a new town and feel so alone, I'd like someone to talk to."

    response = send(api_client(member), "post", "/requests", new_request(about=about))

    assert response.status_code == 201, response.content
    safety = response.json()["safety"]
    assert safety["level"] in ("concern", "urgent")
    assert safety["resources"] and safety["help_url"]


def test_in_person_with_a_town_stores_the_town(member):
    client = api_client(member)

    response = send(client, "post", "/requests", new_request(modes=["in_person"], place="Cardiff"))

    assert response.status_code == 201, response.content
    assert response.json()["place"]["name"].startswith("Cardiff")
    assert SupportRequest.objects.get(member=member).place_latitude is not None


def test_a_second_open_request_of_the_same_kind_is_refused(member):
    SupportRequestFactory(member=member)
    response = send(api_client(member), "post", "/requests", new_request())

    assert response.status_code in (409, 422)
    assert SupportRequest.objects.filter(member=member).count() == 1


def test_patch_changes_only_what_was_sent(member):
    support_request = SupportRequestFactory(member=member)
    client = api_client(member)

    response = send(client, "patch", f"/requests/{support_request.pk}", {"languages": ["cy"]})

    assert response.status_code == 200, response.content
    support_request.refresh_from_db()
    assert support_request.languages == ["cy"]
    assert support_request.modes == ["video", "phone"]


def test_withdrawing_a_request(member):
    support_request = SupportRequestFactory(member=member)

    response = send(api_client(member), "post", f"/requests/{support_request.pk}/withdraw")

    assert response.status_code == 200, response.content
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.WITHDRAWN


def test_someone_elses_request_is_not_found(member, other_member):
    support_request = SupportRequestFactory(member=other_member)
    client = api_client(member)

    assert client.get(f"{BASE}/requests/{support_request.pk}").status_code == 404
    response = send(client, "patch", f"/requests/{support_request.pk}", {"languages": ["cy"]})
    assert response.status_code == 404
    assert send(client, "post", f"/requests/{support_request.pk}/withdraw").status_code == 404
    support_request.refresh_from_db()
    assert support_request.languages == ["en"]
    assert support_request.status == RequestStatus.WAITING


def test_signed_out_callers_are_told_to_sign_in():
    assert Client().get(f"{BASE}/requests").status_code == 401


# ---- Being a supporter -------------------------------------------------------------------


def test_applying_then_updating_then_taking_a_break(member):
    client = api_client(member)
    assert client.get(f"{BASE}/supporter").status_code == 404

    applied = send(client, "put", "/supporter", new_supporter())
    assert applied.status_code == 201, applied.content
    assert applied.json()["status"] == SupporterStatus.APPLIED

    updated = send(client, "put", "/supporter", new_supporter(capacity=3))
    assert updated.status_code == 200, updated.content
    assert SupporterProfile.objects.get(user=member).capacity == 3

    paused = send(client, "post", "/supporter/pause")
    assert paused.status_code == 200, paused.content
    assert paused.json()["is_paused"] is True
    resumed = send(client, "post", "/supporter/resume")
    assert resumed.json()["is_paused"] is False
    assert client.get(f"{BASE}/supporter").json()["capacity"] == 3


def test_someone_declined_before_applies_again(member):
    SupporterProfileFactory(user=member, status=SupporterStatus.DECLINED)

    again = send(api_client(member), "put", "/supporter", new_supporter())

    assert again.status_code == 201, again.content
    assert SupporterProfile.objects.get(user=member).status == SupporterStatus.APPLIED


# ---- A match -----------------------------------------------------------------------------


@pytest.fixture
def proposed(member, peer_supporter):
    SupporterProfileFactory(user=peer_supporter)
    support_request = SupportRequestFactory(member=member, status=RequestStatus.PROPOSED)
    return MatchFactory(request=support_request, member=member, supporter=peer_supporter)


def test_both_accept_then_agree_check_in_review_end_and_reflect(proposed, member, peer_supporter):
    robin, alex = api_client(member), api_client(peer_supporter)
    url = f"/matches/{proposed.pk}"

    assert [m["id"] for m in robin.get(f"{BASE}/matches").json()["items"]] == [proposed.pk]
    assert alex.get(f"{BASE}/matches").json()["items"][0]["my_side"] == "supporter"
    assert send(alex, "post", f"{url}/respond", {"accept": True}).status_code == 200
    response = send(robin, "post", f"{url}/respond", {"accept": True})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == MatchStatus.ACTIVE

    today = timezone.localdate()
    agreement = {
        "focus": "Getting out of the house more.",
        "frequency": "Once a week",
        "modes": ["phone"],
        "boundaries": "No calls after 9pm.",
        "review_on": str(today + datetime.timedelta(days=30)),
        "planned_end_on": str(today + datetime.timedelta(days=90)),
    }
    saved = send(alex, "put", f"{url}/agreement", agreement)
    assert saved.status_code == 200, saved.content
    assert saved.json()["version"] == 1
    stale = send(robin, "post", f"{url}/agreement/confirm", {"version": 2})
    assert stale.status_code == 409
    assert "changed since you read it" in stale.json()["detail"]
    confirmed = send(robin, "post", f"{url}/agreement/confirm", {"version": 1})
    assert confirmed.json()["is_confirmed"] is True

    check_in = {"contact_on": str(today), "mode": "phone", "minutes": 45, "notes": "A good chat."}
    logged = send(alex, "post", f"{url}/check-ins", check_in)
    assert logged.status_code == 201, logged.content
    assert logged.json()["notes"] == "A good chat."
    # The person supported sees that contact happened, not the supporter's notes.
    seen_by_robin = robin.get(f"{BASE}{url}/check-ins").json()
    assert seen_by_robin[0]["minutes"] == 45 and seen_by_robin[0]["notes"] is None
    assert send(robin, "post", f"{url}/check-ins", check_in).status_code == 403

    feedback = send(robin, "post", f"{url}/feedback", {"how_its_going": 4, "comment": "Lovely."})
    assert feedback.status_code == 201, feedback.content
    review = send(alex, "post", f"{url}/reviews", {"outcome": "continue"})
    assert review.status_code == 201, review.content

    assert send(robin, "post", f"{url}/reflection", {"text": "Too soon"}).status_code == 409
    ended = send(robin, "post", f"{url}/end", {"reason": "planned"})
    assert ended.status_code == 200, ended.content
    assert ended.json()["status"] == MatchStatus.ENDED
    reflected = send(robin, "post", f"{url}/reflection", {"text": "It helped me a lot."})
    assert reflected.status_code == 201, reflected.content

    detail = alex.get(f"{BASE}{url}").json()
    assert detail["agreement"]["version"] == 1
    assert detail["feedback"] == []  # feedback is for the person supported and coordinators
    assert detail["reflections"] == []  # Robin's reflection is Robin's
    assert robin.get(f"{BASE}{url}").json()["reflections"][0]["text"] == "It helped me a lot."


def test_a_decline_puts_the_request_back_with_its_place_kept(proposed, peer_supporter):
    waiting_since = proposed.request.waiting_since
    response = send(
        api_client(peer_supporter),
        "post",
        f"/matches/{proposed.pk}/respond",
        {"accept": False, "reason": "I'm not free those evenings after all."},
    )

    assert response.status_code == 200, response.content
    proposed.request.refresh_from_db()
    assert proposed.request.status == RequestStatus.WAITING
    assert proposed.request.waiting_since == waiting_since


def test_someone_elses_match_is_not_found(proposed, other_member):
    client = api_client(other_member)

    assert client.get(f"{BASE}/matches/{proposed.pk}").status_code == 404
    response = send(client, "post", f"/matches/{proposed.pk}/respond", {"accept": True})
    assert response.status_code == 404
    assert client.get(f"{BASE}/matches").json()["items"] == []
    proposed.refresh_from_db()
    assert proposed.supporter_response == "pending"


def test_check_in_in_the_future_is_refused_beside_the_date(member, peer_supporter):
    SupporterProfileFactory(user=peer_supporter)
    match = MatchFactory(member=member, supporter=peer_supporter, status=MatchStatus.ACTIVE)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = send(
        api_client(peer_supporter),
        "post",
        f"/matches/{match.pk}/check-ins",
        {"contact_on": str(tomorrow), "mode": "phone", "minutes": 0},
    )

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert "Choose today or a day in the past." in errors["contact_on"]
    assert "from 1 to 600" in errors["minutes"][0]
    assert not CheckIn.objects.exists()
    assert Match.objects.get(pk=match.pk).status == MatchStatus.ACTIVE


def test_held_words_are_kept_from_the_supporter(member, peer_supporter):
    SupporterProfileFactory(user=peer_supporter)
    held = SupportRequestFactory(member=member, status=RequestStatus.PROPOSED, text_held=True)
    match = MatchFactory(request=held, supporter=peer_supporter)
    shown = SupportRequestFactory(member=member, kind="mentoring", status=RequestStatus.PROPOSED)
    other = MatchFactory(request=shown, supporter=peer_supporter)
    alex = api_client(peer_supporter)

    assert alex.get(f"{BASE}/matches/{match.pk}").json()["request_about"] is None
    assert alex.get(f"{BASE}/matches/{other.pk}").json()["request_about"] == shown.about
    # The writer still reads their own words.
    mine = api_client(member).get(f"{BASE}/requests/{held.pk}").json()
    assert mine["about"] == held.about and mine["text_held"] is True
