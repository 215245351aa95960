"""A moderator goes on and off duty from the queue; each change is in the audit log."""

import pytest
from django.urls import reverse

from alongside.common.models import AuditLogEntry
from alongside.safety.models import ModeratorDuty

pytestmark = pytest.mark.django_db

DUTY_URL = reverse("safety:moderator_duty")
QUEUE_URL = reverse("safety:moderation_queue")


def on_duty(user) -> bool:
    return ModeratorDuty.objects.filter(moderator=user, on_duty=True).exists()


def test_going_on_and_off_duty(client_for, moderator):
    staff = client_for(moderator)

    response = staff.post(DUTY_URL, {"on_duty": "1"})
    assert response.status_code == 302
    assert response["Location"] == QUEUE_URL
    assert on_duty(moderator)

    staff.post(DUTY_URL, {"on_duty": "0"})
    assert not on_duty(moderator)
    verbs = list(
        AuditLogEntry.objects.filter(actor=moderator).order_by("pk").values_list("verb", flat=True)
    )
    assert verbs == ["safety.moderator_on_duty", "safety.moderator_off_duty"]


def test_saying_the_same_again_records_nothing_new(client_for, moderator):
    staff = client_for(moderator)
    staff.post(DUTY_URL, {"on_duty": "1"})
    staff.post(DUTY_URL, {"on_duty": "1"})

    assert ModeratorDuty.objects.count() == 1
    assert AuditLogEntry.objects.filter(verb="safety.moderator_on_duty").count() == 1


@pytest.mark.parametrize("data", [{}, {"on_duty": "yes"}, {"on_duty": "\x00"}, {"on_duty": "2"}])
def test_nonsense_changes_nothing(client_for, moderator, data):
    response = client_for(moderator).post(DUTY_URL, data, follow=True)

    assert response.status_code == 200
    assert "Choose on duty or off duty." in response.content.decode()
    assert not ModeratorDuty.objects.exists()


@pytest.mark.parametrize("who", ["member", "peer_supporter"])
def test_only_moderators_can_go_on_duty(request, client_for, who):
    person = request.getfixturevalue(who)

    assert client_for(person).post(DUTY_URL, {"on_duty": "1"}).status_code == 404
    assert not ModeratorDuty.objects.exists()


def test_the_duty_address_takes_only_posts(client_for, moderator):
    assert client_for(moderator).get(DUTY_URL).status_code == 405
