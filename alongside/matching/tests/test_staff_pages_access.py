"""Every coordinator matching page is a 404 to everyone but a coordinator with two-factor
set up, whether or not the thing exists; a coordinator sees each one."""

import re
from html import unescape

import pytest
from django.urls import reverse

from alongside.matching.choices import SupporterStatus
from alongside.matching.models import Match, MatchingRun
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)


def text_of(response) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


@pytest.fixture
def staff(client_for, coordinator):
    return client_for(coordinator)


@pytest.fixture
def things(db):
    match = MatchFactory()
    return {
        "request": SupportRequestFactory(),
        "profile": SupporterProfileFactory(status=SupporterStatus.APPLIED),
        "match": match,
        "run": MatchingRun.objects.create(),
    }


def page_urls(things) -> list[str]:
    return [
        reverse("matching_staff:overview"),
        reverse("matching_staff:waiting"),
        reverse("matching_staff:request_new"),
        reverse("matching_staff:request", args=[things["request"].pk]),
        reverse("matching_staff:runs"),
        reverse("matching_staff:run", args=[things["run"].pk]),
        reverse("matching_staff:supporters"),
        reverse("matching_staff:supporter", args=[things["profile"].pk]),
        reverse("matching_staff:matches"),
        reverse("matching_staff:match", args=[things["match"].pk]),
        reverse("matching_staff:settings"),
    ]


def post_urls(things) -> list[str]:
    request_id, profile_id = things["request"].pk, things["profile"].pk
    match_id, run_id = things["match"].pk, things["run"].pk
    return [
        reverse("matching_staff:runs"),
        reverse("matching_staff:request_new"),
        reverse("matching_staff:request_propose", args=[request_id]),
        reverse("matching_staff:run_send", args=[run_id]),
        reverse("matching_staff:run_discard", args=[run_id]),
        reverse("matching_staff:supporter_onboarding", args=[profile_id]),
        reverse("matching_staff:supporter_training", args=[profile_id]),
        reverse("matching_staff:supporter_decision", args=[profile_id]),
        reverse("matching_staff:supporter_hold", args=[profile_id]),
        reverse("matching_staff:match_cancel", args=[match_id]),
        reverse("matching_staff:match_end", args=[match_id]),
        reverse("matching_staff:match_ended_badly", args=[match_id]),
        reverse("matching_staff:match_rematch", args=[match_id]),
        reverse("matching_staff:settings"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["moderator", "member", "peer_supporter"])
def test_everyone_but_a_coordinator_gets_404(request, client_for, persona, things):
    client = client_for(request.getfixturevalue(persona))
    for url in page_urls(things):
        assert client.get(url).status_code == 404, url
    for url in post_urls(things):
        assert client.post(url, {"supporter": 1, "decision": "approve"}).status_code == 404, url
    assert Match.objects.count() == 1
    assert MatchingRun.objects.count() == 1


@pytest.mark.django_db
def test_a_coordinator_without_two_factor_is_sent_to_set_it_up(
    client_for, coordinator_without_2fa, things
):
    # The staff area's middleware answers before the page: set up two-factor first.
    client = client_for(coordinator_without_2fa)
    setup = reverse("mfa_activate_totp")
    for url in page_urls(things):
        assert client.get(url).url == setup, url
    for url in post_urls(things):
        assert client.post(url, {"supporter": 1, "decision": "approve"}).url == setup, url
    assert Match.objects.count() == 1
    assert MatchingRun.objects.count() == 1


@pytest.mark.django_db
def test_signed_out_visitors_get_404_too(client, things):
    for url in page_urls(things) + post_urls(things):
        assert client.get(url).status_code == 404, url


@pytest.mark.django_db
def test_a_coordinator_sees_every_page(staff, things):
    for url in page_urls(things):
        response = staff.get(url)
        assert response.status_code == 200, url
        assert "Waiting list" in text_of(response)


@pytest.mark.django_db
def test_missing_things_are_404_for_a_coordinator(staff):
    for name in ("request", "run", "supporter", "match"):
        assert staff.get(reverse(f"matching_staff:{name}", args=[987654])).status_code == 404
