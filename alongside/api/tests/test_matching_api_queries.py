"""/api/v1/matching lists take the same number of queries for one row as for several."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.accounts.tests.factories import TopicFactory
from alongside.api.tests.test_matching_api_member import BASE, api_client
from alongside.matching.choices import MatchStatus, SupporterStatus
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(BASE + url)
    assert response.status_code == 200, response.content
    return len(captured)


def test_staff_lists_do_not_grow_with_rows(coordinator):
    client = api_client(coordinator)
    topic = TopicFactory(name="Bereavement")
    SupportRequestFactory(topics=[topic])
    SupporterProfileFactory(topics=[topic])
    MatchFactory()
    urls = ["/waiting-list", "/supporters", "/matches/all", "/runs"]
    for url in urls:  # first calls record the token's use and make the settings row
        client.get(BASE + url)
    before = {url: queries_for(client, url) for url in urls}

    for _ in range(3):
        SupportRequestFactory(topics=[topic])
        SupporterProfileFactory(topics=[topic], status=SupporterStatus.APPLIED)
        MatchFactory(status=MatchStatus.ACTIVE)

    assert {url: queries_for(client, url) for url in urls} == before


def test_my_matches_and_requests_do_not_grow_with_rows(member, peer_supporter):
    SupporterProfileFactory(user=peer_supporter)
    client = api_client(peer_supporter)
    MatchFactory(supporter=peer_supporter)
    SupportRequestFactory(member=peer_supporter)
    client.get(BASE + "/requests")  # the token's first use is recorded once
    before = (queries_for(client, "/matches"), queries_for(client, "/requests"))

    for _ in range(3):
        MatchFactory(supporter=peer_supporter, status=MatchStatus.ENDED)
    SupportRequestFactory(member=peer_supporter, kind="mentoring")

    assert (queries_for(client, "/matches"), queries_for(client, "/requests")) == before
