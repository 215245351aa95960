"""The safety net in the forum pages: what is stored with a flagged post, who sees it, and
what its writer is shown next."""

import pytest
from django.urls import reverse

from alongside.community.choices import ContentStatus
from alongside.community.models import Notification, Post, Thread
from alongside.community.tests.factories_forum import reply_by, space_for, thread_by
from alongside.safety.models import SafetyAlert, SafetyPlan, Suspension
from alongside.safety.support import CONCERN_MESSAGE, URGENT_MESSAGE

pytestmark = pytest.mark.django_db

URGENT = "I am going to kill myself tonight, I have the pills ready"
CONCERN = "I feel so hopeless and worthless"
ORDINARY = "A slow walk by the river helped me today."
SUPPORT_URL = reverse("safety:writer_support")


def main_of(response) -> str:
    """The page's main content (the footer always names a helpline)."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def thread_url(thread):
    return reverse("community:thread", args=[thread.pk])


def reply(client, thread, body):
    url = reverse("community:thread_reply", args=[thread.pk])
    return client.post(url, {"body": body, "content_warning": ""})


@pytest.fixture
def thread(member, other_member):
    space = space_for(member, other_member)
    return thread_by(other_member, space=space, title="Evenings are hard", body="Anyone else?")


def test_an_urgent_reply_is_held_with_its_risk_and_an_urgent_alert(client_for, member, thread):
    response = reply(client_for(member), thread, URGENT)

    assert response.status_code == 302 and response.url == SUPPORT_URL
    post = Post.objects.get(author=member)
    assert post.status == ContentStatus.HELD
    assert post.risk_level == "urgent"
    assert "urgent.intent_with_method" in post.risk_signals
    assert post.risk_score > 0 and post.risk_detector_version
    alert = SafetyAlert.objects.get()
    assert (alert.level, alert.member, alert.post) == ("urgent", member, post)
    # A held reply moves nothing others can see, and tells nobody.
    thread.refresh_from_db()
    assert thread.reply_count == 0
    assert not Notification.objects.filter(user=thread.author).exists()


def test_the_writer_of_an_urgent_reply_sees_crisis_options_and_a_moderator_will_check_in(
    client_for, member, thread
):
    client = client_for(member)
    page = main_of(client.get(reply(client, thread, URGENT).url))

    assert URGENT_MESSAGE.replace("'", "&#x27;") in page
    assert "Samaritans" in page and "116 123" in page and "999" in page
    assert "A moderator will check in with you soon." in page
    assert "kept what you wrote safe" in page
    post = Post.objects.get(author=member)
    assert f'href="{thread_url(thread)}#post-{post.pk}"' in page


def test_the_support_page_shows_the_first_steps_of_their_own_safety_plan(
    client_for, member, thread
):
    SafetyPlan.objects.create(owner=member, coping_on_my_own="I make tea and sit with the cat")
    client = client_for(member)
    page = main_of(client.get(reply(client, thread, URGENT).url))
    assert "Your safety plan" in page and "I make tea and sit with the cat" in page


def test_only_the_writer_sees_their_held_reply(client_for, member, other_member, thread):
    reply(client_for(member), thread, URGENT)

    others = client_for(other_member).get(thread_url(thread)).content.decode()
    assert "pills" not in others
    own = client_for(member).get(thread_url(thread)).content.decode()
    assert "pills ready" in own
    assert "Waiting for a moderator: only you can see this." in own


def test_an_urgent_opening_post_holds_its_thread(client_for, member, other_member):
    space = space_for(member, other_member)
    url = reverse("community:thread_create", args=[space.slug])
    body = {"title": "Tonight", "body": URGENT, "content_warning": ""}

    response = client_for(member).post(url, body)

    assert response.url == SUPPORT_URL
    thread = Thread.objects.get()
    assert thread.status == ContentStatus.HELD
    assert SafetyAlert.objects.get().post == thread.posts.get()
    # Other members: not listed, not there.
    space_page = client_for(other_member).get(reverse("community:space", args=[space.slug]))
    assert "Tonight" not in space_page.content.decode()
    assert client_for(other_member).get(thread_url(thread)).status_code == 404
    # Its writer finds it where they left it.
    listed = client_for(member).get(reverse("community:space", args=[space.slug])).content
    assert b"Tonight" in listed and b"Waiting for a moderator" in listed
    own = client_for(member).get(thread_url(thread))
    assert own.status_code == 200 and b"pills ready" in own.content


def test_a_title_alone_can_hold_a_thread(member):
    thread = thread_by(member, title=URGENT, body="That is all.")
    assert thread.status == ContentStatus.HELD
    assert thread.posts.get().risk_level == "urgent"


def test_a_concern_reply_is_posted_with_a_gentle_panel(client_for, member, thread):
    client = client_for(member)
    response = reply(client, thread, CONCERN)

    post = Post.objects.get(author=member)
    assert post.status == ContentStatus.VISIBLE and post.risk_level == "concern"
    assert SafetyAlert.objects.get().level == "concern"
    assert response.url.endswith(f"#post-{post.pk}")
    page = client.get(response.url).content.decode()
    panel = page[page.index('class="writer-support"') : page.index("</main>")]
    assert CONCERN_MESSAGE in panel
    assert f'href="{reverse("safety:help_now")}">I need help now</a>' in panel
    assert f'href="{reverse("safety:plan")}">Your safety plan</a>' in panel
    assert "Samaritans" in panel
    # Shown once, on the next page only.
    assert b"writer-support" not in client.get(response.url).content


def test_ordinary_text_raises_no_alert_and_shows_no_panel(client_for, member, thread):
    client = client_for(member)
    response = reply(client, thread, ORDINARY)

    assert Post.objects.get(author=member).risk_level == "none"
    assert not SafetyAlert.objects.exists()
    assert b"writer-support" not in client.get(response.url).content


def test_an_edit_that_becomes_urgent_holds_the_post_again(client_for, member, thread):
    post = reply_by(member, thread, body=ORDINARY)
    url = reverse("community:post_edit", args=[post.pk])

    response = client_for(member).post(url, {"body": URGENT, "content_warning": ""})

    assert response.url == SUPPORT_URL
    post.refresh_from_db()
    assert post.status == ContentStatus.HELD and post.risk_level == "urgent"
    assert SafetyAlert.objects.get(post=post).level == "urgent"
    thread.refresh_from_db()
    assert thread.status == ContentStatus.VISIBLE  # a reply doesn't hold the thread


def test_editing_an_opening_post_to_urgent_holds_its_thread(member):
    from alongside.community.actions.forum import edit_post

    thread = thread_by(member, title="My week", body=ORDINARY)
    edit_post(actor=member, post=thread.posts.get(), body=URGENT)
    thread.refresh_from_db()
    assert thread.status == ContentStatus.HELD


def test_a_held_reply_mentions_nobody(member, other_member, thread):
    reply_by(member, thread, body=f"@Sam {URGENT}")
    assert not Notification.objects.filter(user=other_member).exists()


def test_a_suspended_member_is_refused_and_nothing_is_stored(client_for, member, thread):
    Suspension.objects.create(member=member, reason="Paused while we talk")
    before = Post.objects.count()

    response = reply(client_for(member), thread, CONCERN)

    assert response.status_code == 400
    assert "A moderator has paused your posting" in response.content.decode()
    assert Post.objects.count() == before
    assert not SafetyAlert.objects.exists()


def test_a_suspended_member_in_crisis_is_still_heard(client_for, member, other_member, thread):
    """The safety net comes first: urgent writing from a suspended member is stored held,
    raises the alert and shows them where to get help, as anyone's would."""
    Suspension.objects.create(member=member, reason="Paused while we talk")
    client = client_for(member)

    response = reply(client, thread, URGENT)

    assert response.status_code == 302
    assert response["Location"] == "/my/support/"
    post = Post.objects.get(author=member, body=URGENT)
    assert post.status == ContentStatus.HELD
    assert SafetyAlert.objects.get(post=post).level == "urgent"
    assert "A moderator will check in with you" in client.get("/my/support/").content.decode()
    assert URGENT not in client_for(other_member).get(thread_url(thread)).content.decode()
