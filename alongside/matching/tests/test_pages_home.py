"""The mentoring and befriending home page: what it is, my requests with how long I've been
waiting, my matches (proposals first, with what to do), the way in to offering support,
and a query count that doesn't grow with the number of requests and matches."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.accounts.tests.factories import TopicFactory
from alongside.matching.choices import MatchStatus, SupportKind
from alongside.matching.tests.factories import (
    MatchFactory,
    SupporterProfileFactory,
    SupportRequestFactory,
)

pytestmark = pytest.mark.django_db
HOME = reverse("matching:home")


def test_a_new_member_is_told_what_it_is_and_how_to_ask(client_for, member):
    html = client_for(member).get(HOME).content.decode()

    assert "<h1>Mentoring and befriending</h1>" in html
    assert "<strong>Mentoring</strong> is" in html and "<strong>Befriending</strong> is" in html
    assert "Ask for a mentor" in html and "Ask for a befriender" in html
    assert reverse("matching:request", args=["mentoring"]) in html
    assert reverse("matching:apply") in html
    assert f'href="{HOME}">Mentoring and befriending</a>' in html  # in the navigation


def test_a_waiting_request_says_how_long_and_what_happens_next(client_for, member):
    SupportRequestFactory(member=member, waiting_since=timezone.now() - datetime.timedelta(days=22))

    html = client_for(member).get(HOME).content.decode()

    assert "You&#x27;ve been waiting 3\xa0weeks." in html
    assert "We'll let you know as soon as we've found someone." in html
    assert "Ask for a befriender" not in html and "Ask for a mentor" in html
    assert "Withdraw it" in html


def test_proposed_matches_come_first_with_what_to_do(client_for, member, other_member):
    MatchFactory(
        request__member=member,
        request__kind=SupportKind.MENTORING,
        status=MatchStatus.ACTIVE,
        supporter=SupporterProfileFactory(user__profile__display_name="Pat").user,
    )
    MatchFactory(
        request__member=member,
        supporter=SupporterProfileFactory(user__profile__display_name="Lee").user,
    )

    html = client_for(member).get(HOME).content.decode()

    assert html.index("Befriending with Lee") < html.index("Mentoring with Pat")
    assert "Please say whether you&#x27;d like to go ahead." in html


def test_a_supporter_sees_their_caseload_link(client_for, peer_supporter):
    SupporterProfileFactory(user=peer_supporter)
    MatchFactory(supporter=peer_supporter, request__member__profile__display_name="Kit")

    html = client_for(peer_supporter).get(HOME).content.decode()

    assert "Supporting Kit (befriending)" in html
    assert reverse("matching:supporter") in html


def _fill(member, supporter_user, start, count):
    topic = TopicFactory(name="Loneliness", slug="loneliness")
    for index in range(start, start + count):
        SupportRequestFactory(
            member=member, kind=SupportKind.MENTORING, status="withdrawn", topics=[topic]
        )
        MatchFactory(request__member=member, status=MatchStatus.ENDED)
        MatchFactory(
            supporter=supporter_user,
            request__member__profile__display_name=f"Member {index}",
            status=MatchStatus.ACTIVE if index % 2 else MatchStatus.PROPOSED,
        )


def test_the_home_page_query_count_does_not_grow(client_for, member, django_assert_max_num_queries):
    SupporterProfileFactory(user=member, capacity=10)
    SupportRequestFactory(member=member)
    _fill(member, member, 0, 1)
    client = client_for(member)

    with django_assert_max_num_queries(25) as few:
        client.get(HOME)
    _fill(member, member, 1, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(HOME)
    assert "Supporting Member 4 (befriending)" in response.content.decode()


def test_the_supporter_area_query_count_does_not_grow(
    client_for, member, django_assert_max_num_queries
):
    SupporterProfileFactory(user=member, capacity=10)
    _fill(member, member, 0, 1)
    client = client_for(member)
    url = reverse("matching:supporter")

    with django_assert_max_num_queries(25) as few:
        client.get(url)
    _fill(member, member, 1, 4)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_visitors_are_asked_to_log_in(client):
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
