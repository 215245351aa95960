"""/api/v1/matching for coordinators: the waiting list, suggestions, runs, onboarding,
matches and weights; a 404 to everyone else."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from alongside.accounts.roles import Role
from alongside.api.tests.test_matching_api_member import BASE, api_client, new_request, send
from alongside.matching.choices import MatchStatus, RequestStatus, SupporterStatus
from alongside.matching.models import (
    Match,
    MatchingRun,
    MatchingSettings,
    PairBlock,
    SupportRequest,
)
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db

STAFF_CALLS = [
    ("get", "/waiting-list"),
    ("get", "/requests/1/suggestions"),
    ("post", "/requests/1/propose"),
    ("post", "/requests/for-member"),
    ("post", "/runs"),
    ("get", "/runs"),
    ("get", "/runs/1"),
    ("post", "/runs/1/send"),
    ("get", "/supporters"),
    ("post", "/supporters/1/approve"),
    ("get", "/matches/all"),
    ("post", "/matches/1/cancel"),
    ("post", "/matches/1/block"),
    ("get", "/settings"),
    ("put", "/settings"),
]


@pytest.mark.parametrize(
    "who", ["member", "peer_supporter", "moderator", "coordinator_without_2fa"]
)
def test_coordinator_endpoints_are_not_found_for_everyone_else(request, who):
    client = api_client(request.getfixturevalue(who))
    SupportRequestFactory()

    for method, path in STAFF_CALLS:
        response = send(client, method, path)
        assert response.status_code == 404, (who, method, path)
    assert Client().get(f"{BASE}/waiting-list").status_code == 404
    assert not MatchingRun.objects.exists()


@pytest.fixture
def casey(coordinator):
    return api_client(coordinator)


def test_a_run_with_nobody_waiting_says_so(casey):
    response = send(casey, "post", "/runs")

    assert response.status_code == 409
    assert "Nobody is waiting" in response.json()["detail"]
    assert not MatchingRun.objects.exists()


def test_waiting_list_suggestions_and_a_proposal(casey, member):
    support_request = SupportRequestFactory(member=member)
    supporter = SupporterProfileFactory()
    SupportRequestFactory(languages=["cy"])  # nobody speaks Welsh

    listed = casey.get(f"{BASE}/waiting-list").json()
    assert listed["count"] == 2
    first, second = listed["items"]
    assert "fits what they asked for" in first["reason"]
    assert "speaks Welsh" in second["reason"]
    assert first["member"]["display_name"] == "Robin"

    found = casey.get(f"{BASE}/requests/{support_request.pk}/suggestions").json()
    assert [s["supporter"]["id"] for s in found["items"]] == [supporter.user_id]
    assert found["items"][0]["explanation"]

    response = send(
        casey,
        "post",
        f"/requests/{support_request.pk}/propose",
        {"supporter_id": supporter.user_id},
    )
    assert response.status_code == 201, response.content
    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.PROPOSED


def test_a_coordinator_enters_a_request_for_a_member(casey, coordinator, member):
    body = {**new_request(), "member_id": member.pk, "source": "referral"}

    response = send(casey, "post", "/requests/for-member", body)

    assert response.status_code == 201, response.content
    stored = SupportRequest.objects.get(member=member)
    assert (stored.source, stored.entered_by) == ("referral", coordinator)
    again = send(casey, "post", "/requests/for-member", body)
    assert again.status_code == 409
    assert SupportRequest.objects.filter(member=member).count() == 1


def test_proposing_someone_who_does_not_exist(casey):
    support_request = SupportRequestFactory()

    response = send(
        casey, "post", f"/requests/{support_request.pk}/propose", {"supporter_id": 99999}
    )

    assert response.status_code == 422
    assert "supporter_id" in response.json()["errors"]
    assert not Match.objects.exists()


def test_preview_then_send_a_run(casey):
    support_request = SupportRequestFactory()
    supporter = SupporterProfileFactory()

    preview = send(casey, "post", "/runs")
    assert preview.status_code == 201, preview.content
    run = preview.json()
    assert [(p["request_id"], p["supporter_id"]) for p in run["proposals"]] == [
        (support_request.pk, supporter.user_id)
    ]
    assert not Match.objects.exists()
    assert casey.get(f"{BASE}/runs").json()["items"][0]["id"] == run["id"]

    sent = send(casey, "post", f"/runs/{run['id']}/send")
    assert sent.status_code == 200, sent.content
    assert sent.json()["run"]["status"] == "sent"
    assert Match.objects.get().request_id == support_request.pk
    again = send(casey, "post", f"/runs/{run['id']}/send")
    assert again.status_code == 409
    assert Match.objects.count() == 1


def test_onboarding_then_approval(casey):
    profile = SupporterProfileFactory(status=SupporterStatus.APPLIED)
    url = f"/supporters/{profile.pk}"

    refused = send(casey, "post", f"{url}/approve")
    assert refused.status_code == 409
    profile.refresh_from_db()
    assert profile.status == SupporterStatus.APPLIED

    yesterday = str(timezone.localdate() - datetime.timedelta(days=1))
    onboarding = {
        "interviewed_on": yesterday,
        "background_check": "clear",
        "background_checked_on": yesterday,
    }
    assert send(casey, "post", f"{url}/onboarding", onboarding).status_code == 200
    training = {"course_name": "Befriending essentials", "completed_on": yesterday}
    assert send(casey, "post", f"{url}/training", training).status_code == 201
    approved = send(casey, "post", f"{url}/approve", {"note": "Lovely to meet."})
    assert approved.status_code == 200, approved.content
    assert approved.json()["status"] == SupporterStatus.APPROVED
    assert profile.user.groups.filter(name=Role.PEER_SUPPORTER.value).exists()

    listed = casey.get(f"{BASE}/supporters?status=approved").json()
    assert [item["id"] for item in listed["items"]] == [profile.pk]
    assert listed["items"][0]["training"][0]["course_name"] == "Befriending essentials"


def test_a_supporter_over_capacity_shows_every_live_match(casey):
    profile = SupporterProfileFactory(capacity=2)
    MatchFactory.create_batch(2, supporter=profile.user, status=MatchStatus.ACTIVE)
    profile.capacity = 1  # lowered since: their matches go on
    profile.save()

    listed = casey.get(f"{BASE}/supporters").json()["items"][0]
    one = casey.get(f"{BASE}/supporters/{profile.pk}").json()

    for body in (listed, one):
        assert (body["live_matches"], body["free_capacity"]) == (2, 0)


def test_onboarding_with_a_bad_background_check(casey):
    profile = SupporterProfileFactory(status=SupporterStatus.APPLIED)

    response = send(
        casey, "post", f"/supporters/{profile.pk}/onboarding", {"background_check": "maybe"}
    )

    assert response.status_code == 422
    assert "background_check" in response.json()["errors"]


def test_cancel_and_block_a_match(casey):
    match = MatchFactory()

    cancelled = send(casey, "post", f"/matches/{match.pk}/cancel", {"reason": "Mix-up"})
    assert cancelled.status_code == 200, cancelled.content
    assert cancelled.json()["status"] == MatchStatus.CANCELLED
    blocked = send(casey, "post", f"/matches/{match.pk}/block", {"reason": "safeguarding"})
    assert blocked.status_code == 201, blocked.content
    assert PairBlock.objects.filter(member=match.member, supporter=match.supporter).exists()
    history = casey.get(f"{BASE}/matches/all?status=cancelled").json()
    assert [item["id"] for item in history["items"]] == [match.pk]
    assert casey.get(f"{BASE}/matches/all?status=lost").status_code == 422


def test_settings_read_and_change(casey):
    current = casey.get(f"{BASE}/settings").json()
    changed = {**current, "topics": 50, "min_overlap_minutes": 90}

    response = send(casey, "put", "/settings", changed)

    assert response.status_code == 200, response.content
    row = MatchingSettings.objects.get(pk=1)
    assert (row.weight_topics, row.min_overlap_minutes) == (50, 90)


def test_settings_refuse_bad_weights(casey):
    zeros = {"topics": 0, "text": 0, "availability": 0, "distance": 0, "waiting": 0}

    all_zero = send(casey, "put", "/settings", {**zeros, "min_overlap_minutes": 60})
    too_big = send(casey, "put", "/settings", {**zeros, "topics": 101, "min_overlap_minutes": 10})

    assert all_zero.status_code == 422
    assert "at least one weight" in all_zero.json()["errors"]["__all__"][0]
    assert too_big.status_code == 422
    assert set(too_big.json()["errors"]) == {"topics", "min_overlap_minutes"}
    assert MatchingSettings.objects.get_or_create(pk=1)[0].weight_topics == 30


def test_a_coordinator_ends_a_match_badly(casey):
    match = MatchFactory(status=MatchStatus.ACTIVE)

    response = send(casey, "post", f"/matches/{match.pk}/end", {"ended_badly": True})

    assert response.status_code == 200, response.content
    match.refresh_from_db()
    assert (match.status, match.end_reason) == (MatchStatus.ENDED, "coordinator")
    assert PairBlock.objects.filter(member=match.member, supporter=match.supporter).exists()


def test_only_a_coordinator_can_say_it_ended_badly(peer_supporter):
    SupporterProfileFactory(user=peer_supporter)
    match = MatchFactory(supporter=peer_supporter, status=MatchStatus.ACTIVE)

    response = send(
        api_client(peer_supporter), "post", f"/matches/{match.pk}/end", {"ended_badly": True}
    )

    assert response.status_code == 422
    assert "ended_badly" in response.json()["errors"]
    match.refresh_from_db()
    assert match.status == MatchStatus.ACTIVE
    assert not PairBlock.objects.exists()
