"""The writer-support page (/my/support/) and the gentle panel: what they show, and that
they still help when opened directly, long after, or with odd session data."""

import time

import pytest
from django.contrib.messages import get_messages
from django.test import RequestFactory
from django.urls import reverse

from alongside.safety.models import CrisisResource, SafetyPlan
from alongside.safety.risk import RiskAssessment, RiskLevel
from alongside.safety.support import CONCERN_MESSAGE, URGENT_MESSAGE, writer_support
from alongside.safety.views_support import SESSION_KEY, support_response

pytestmark = pytest.mark.django_db
URL = reverse("safety:writer_support")
URGENT = RiskAssessment(RiskLevel.URGENT, ("urgent.intent_with_plan",), 1.0, "test")
CONCERN = RiskAssessment(RiskLevel.CONCERN, ("concern.hopeless",), 0.4, "test")


def with_session(client, **stored):
    session = client.session
    session[SESSION_KEY] = {"level": "urgent", "held": True, "back_url": "", "at": time.time()}
    session[SESSION_KEY].update(stored)
    session.save()
    return client


def page_of(response) -> str:
    """The page's main content (the footer always names a helpline)."""
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


@pytest.mark.parametrize("signed_in", [True, False])
def test_opened_directly_it_shows_the_help_now_options(client, client_for, member, signed_in):
    client = client_for(member) if signed_in else client
    page = page_of(client.get(URL))
    assert "<h1>Support for you</h1>" in page
    assert "Samaritans" in page and "999" in page
    assert "kept what you wrote safe" not in page
    assert f'href="{reverse("safety:help_now")}">More ways to get help</a>' in page


def test_after_urgent_writing_it_is_calm_and_says_what_happens_next(client_for, member):
    client = with_session(client_for(member), back_url="/community/")
    page = page_of(client.get(URL))
    assert "<h1>You don't have to face this alone</h1>" in page
    assert URGENT_MESSAGE.replace("'", "&#x27;") in page
    assert "kept what you wrote safe" in page
    assert "A moderator will check in with you soon." in page
    assert '<a href="/community/">Go back to where you were</a>' in page
    # Two or three options first, not a wall of numbers.
    assert page.count('class="crisis-option"') <= 3
    assert "Childline" not in page


def test_urgent_but_not_held_still_says_a_moderator_will_check_in(client_for, member):
    page = page_of(with_session(client_for(member), held=False).get(URL))
    assert "A moderator will check in with you soon." in page
    assert "kept what you wrote safe" not in page


def test_their_own_safety_plan_comes_with_it(client_for, member):
    SafetyPlan.objects.create(owner=member, people_to_ask="My sister Jo, any time")
    page = page_of(with_session(client_for(member)).get(URL))
    assert "Your safety plan" in page and "My sister Jo, any time" in page


@pytest.mark.parametrize(
    "back_url", ["https://elsewhere.example/", "//elsewhere.example/", "javascript:alert(1)", 7]
)
def test_a_back_link_elsewhere_is_never_shown(client_for, member, back_url):
    page = page_of(with_session(client_for(member), back_url=back_url).get(URL))
    assert "Go back to where you were" not in page


@pytest.mark.parametrize(
    "stored",
    [
        {"at": time.time() - 2 * 60 * 60},  # long ago
        {"at": "yesterday"},
        {"level": "catastrophic"},
        {"level": "none"},
    ],
)
def test_stale_or_odd_session_data_still_helps(client_for, member, stored):
    page = page_of(with_session(client_for(member), **stored).get(URL))
    assert "<h1>Support for you</h1>" in page and "Samaritans" in page


def test_not_a_dict_in_the_session_still_helps(client_for, member):
    client = client_for(member)
    session = client.session
    session[SESSION_KEY] = ["urgent"]
    session.save()
    assert "Samaritans" in page_of(client.get(URL))


def test_it_shows_the_members_country(client_for, member, settings):
    settings.ALONGSIDE_COUNTRY = "US"
    page = page_of(with_session(client_for(member)).get(URL))
    assert "988" in page and "Samaritans" not in page


def _request(user):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    request = RequestFactory().post("/")
    request.user = user
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_concern_adds_a_gentle_panel_and_no_redirect(member):
    request = _request(member)
    assert support_response(request, risk=CONCERN, held=False) is None
    (message,) = list(get_messages(request))
    assert "writer-support" in message.tags
    assert CONCERN_MESSAGE in message.message
    assert "Samaritans" in message.message and "999" not in message.message


def test_the_panel_escapes_what_coordinators_wrote(member):
    CrisisResource.objects.create(
        country="GB", name="<b>Night line</b>", phone="0800 000 000", is_24_hours=True, order=1
    )
    request = _request(member)
    support_response(request, risk=CONCERN, held=False)
    (message,) = list(get_messages(request))
    assert "&lt;b&gt;Night line&lt;/b&gt;" in message.message


def test_no_risk_means_nothing_to_show(member):
    request = _request(member)
    none = RiskAssessment(RiskLevel.NONE, (), 0.0)
    assert support_response(request, risk=none, held=False) is None
    assert not list(get_messages(request))
    assert writer_support(user=member, risk=none, held=False) is None


def test_urgent_redirects_to_the_support_page(member):
    request = _request(member)
    response = support_response(request, risk=URGENT, held=True, back_url="/community/")
    assert response.status_code == 302 and response.url == URL
    assert request.session[SESSION_KEY]["back_url"] == "/community/"
