"""The safety net in the coping strategies library, on its pages and in its API: flagged
strategies and comments are stored with their risk, urgent ones are held for a moderator
(seen by their writer only), and the writer is shown the right support."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from alongside.community.choices import ContentStatus
from alongside.community.models import CopingComment, CopingStrategy, Notification
from alongside.community.tests.factories import CopingStrategyFactory
from alongside.safety.models import SafetyAlert, Suspension
from alongside.safety.support import CONCERN_MESSAGE

pytestmark = pytest.mark.django_db
API = "/api/v1/community"
URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"
ORDINARY = "Counting my breaths slows everything down."
SUPPORT_URL = reverse("safety:writer_support")


def strategy_fields(**changes):
    fields = {
        "title": "Cold water on my face",
        "what_it_is": "Splash cold water on your face for a minute.",
        "when_it_helps": "When my thoughts race at night.",
    }
    return {**fields, **changes}


def share(client, **changes):
    cache.clear()  # the posting rate limit has its own tests
    return client.post(reverse("community:coping_share"), strategy_fields(**changes))


def comment(client, strategy, body):
    cache.clear()
    return client.post(reverse("community:coping_comment", args=[strategy.pk]), {"body": body})


def detail_url(strategy):
    return reverse("community:coping_detail", args=[strategy.pk])


def test_an_urgent_strategy_is_held_with_its_risk_and_its_writer_sees_support(client_for, member):
    client = client_for(member)
    response = share(client, when_it_helps=URGENT)

    assert response.url == SUPPORT_URL
    strategy = CopingStrategy.objects.get()
    assert strategy.status == ContentStatus.HELD and strategy.risk_level == "urgent"
    assert strategy.risk_signals and strategy.risk_detector_version
    alert = SafetyAlert.objects.get()
    assert (alert.level, alert.member, alert.coping_strategy) == ("urgent", member, strategy)
    page = client.get(response.url).content.decode()
    page = page[page.index("<main") : page.index("</main>")]  # the footer names a helpline
    assert "Samaritans" in page and "A moderator will check in with you soon." in page
    assert f'href="{detail_url(strategy)}"' in page


def test_a_title_alone_is_enough_to_hold_a_strategy(client_for, member):
    share(client_for(member), title="I have the pills ready and I will kill myself")
    assert CopingStrategy.objects.get().status == ContentStatus.HELD


def test_nobody_else_sees_a_held_strategy(client_for, member, other_member):
    share(client_for(member), what_it_is=URGENT)
    strategy = CopingStrategy.objects.get()

    other = client_for(other_member)
    assert b"Cold water" not in other.get(reverse("community:coping_list")).content
    assert other.get(detail_url(strategy)).status_code == 404
    assert other.get(f"{API}/coping/{strategy.pk}").status_code == 404
    assert other.get(f"{API}/coping").json()["count"] == 0
    own = client_for(member).get(detail_url(strategy)).content.decode()
    assert "Waiting for a moderator: only you can see this." in own and "pills ready" in own


def test_a_concern_strategy_is_shared_with_a_gentle_panel(client_for, member):
    client = client_for(member)
    response = share(client, when_it_helps=CONCERN)

    strategy = CopingStrategy.objects.get()
    assert strategy.status == ContentStatus.VISIBLE and strategy.risk_level == "concern"
    assert SafetyAlert.objects.get().level == "concern"
    assert response.url == detail_url(strategy)
    page = client.get(response.url).content.decode()
    assert CONCERN_MESSAGE in page and "Thank you for sharing" in page
    assert ">I need help now</a> · <a" in page


def test_an_ordinary_strategy_raises_nothing(client_for, member):
    client = client_for(member)
    response = share(client)
    assert not SafetyAlert.objects.exists()
    assert b"writer-support" not in client.get(response.url).content


def test_an_edit_that_becomes_urgent_holds_the_strategy_again(client_for, member):
    strategy = CopingStrategyFactory(author=member)
    url = reverse("community:coping_edit", args=[strategy.pk])
    response = client_for(member).post(url, strategy_fields(what_it_is=URGENT))

    assert response.url == SUPPORT_URL
    strategy.refresh_from_db()
    assert strategy.status == ContentStatus.HELD and strategy.risk_level == "urgent"
    assert SafetyAlert.objects.get(coping_strategy=strategy).level == "urgent"


def test_an_urgent_comment_is_held_and_tells_nobody(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member)
    response = comment(client_for(member), strategy, URGENT)

    assert response.url == SUPPORT_URL
    held = CopingComment.objects.get()
    assert held.status == ContentStatus.HELD and held.risk_level == "urgent"
    assert SafetyAlert.objects.get().coping_comment == held
    assert not Notification.objects.filter(user=other_member).exists()
    others = client_for(other_member).get(detail_url(strategy)).content.decode()
    assert "pills ready" not in others and "Comments (0)" in others
    comments = client_for(other_member).get(f"{API}/coping/{strategy.pk}/comments").json()
    assert comments == []
    own = client_for(member).get(detail_url(strategy)).content.decode()
    assert "pills ready" in own and "Waiting for a moderator: only you can see this." in own


def test_a_concern_comment_is_posted_with_a_gentle_panel(client_for, member, other_member):
    strategy = CopingStrategyFactory(author=other_member)
    client = client_for(member)
    response = comment(client, strategy, CONCERN)

    posted = CopingComment.objects.get()
    assert posted.status == ContentStatus.VISIBLE and posted.risk_level == "concern"
    assert response.url.endswith(f"#comment-{posted.pk}")
    assert CONCERN_MESSAGE in client.get(response.url).content.decode()
    assert Notification.objects.filter(user=other_member).exists()


def test_the_api_answers_with_support(client_for, member, other_member):
    client = client_for(member)
    cache.clear()
    shared = client.post(
        f"{API}/coping", strategy_fields(what_it_is=URGENT), content_type="application/json"
    )
    assert shared.status_code == 201
    assert shared.json()["status"] == "held" and shared.json()["safety"]["level"] == "urgent"

    strategy = CopingStrategyFactory(author=other_member)
    cache.clear()
    url = f"{API}/coping/{strategy.pk}/comments"
    written = client.post(url, {"body": CONCERN}, content_type="application/json")
    assert written.status_code == 201 and written.json()["safety"]["level"] == "concern"
    cache.clear()
    plain = client.post(url, {"body": ORDINARY}, content_type="application/json")
    assert plain.json()["safety"] is None

    own = CopingStrategyFactory(author=member)
    changed = client.patch(
        f"{API}/coping/{own.pk}", {"when_it_helps": URGENT}, content_type="application/json"
    )
    assert changed.status_code == 200
    assert changed.json()["status"] == "held" and changed.json()["safety"]["held"] is True


def test_a_suspended_member_is_refused_and_nothing_is_stored(client_for, member, other_member):
    Suspension.objects.create(member=member, reason="Paused while we talk")
    strategy = CopingStrategyFactory(author=other_member)
    client = client_for(member)

    page = share(client, what_it_is=CONCERN)
    assert page.status_code == 400
    assert "A moderator has paused your posting" in page.content.decode()
    refused = comment(client, strategy, ORDINARY)
    assert refused.status_code == 400
    api = client.post(
        f"{API}/coping/{strategy.pk}/comments", {"body": CONCERN}, content_type="application/json"
    )
    assert api.status_code == 409
    assert api.json()["detail"].startswith("A moderator has paused your posting")
    assert CopingStrategy.objects.count() == 1 and not CopingComment.objects.exists()
    assert not SafetyAlert.objects.exists()
