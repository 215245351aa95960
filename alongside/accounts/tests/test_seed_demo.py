import io

from django.core.management import call_command

from alongside.accounts.management.commands.seed_demo import DEMO_PASSWORD, DEMO_PEOPLE
from alongside.accounts.models import Profile, User
from alongside.accounts.roles import Role, has_role
from alongside.groups.models import Group, Membership
from alongside.meetings.models import Occurrence
from alongside.outcomes.demo import PARTICIPANTS


def test_seed_demo_builds_an_organisation_and_is_idempotent(db, client):
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    # The demo people, and the quiet participants whose check-ins fill the outcome reports.
    assert User.objects.count() == len(DEMO_PEOPLE) + PARTICIPANTS
    coordinator = User.objects.get(email="coordinator@demo.alongside.example")
    assert has_role(coordinator, Role.COORDINATOR)
    robin = Profile.objects.get(display_name="Robin")
    assert robin.place_name == "Newport, Wales, United Kingdom"
    assert robin.visibility["topics"] == "only_me"
    assert set(robin.topics.values_list("slug", flat=True)) == {"anxiety", "depression"}

    assert Group.objects.filter(status="active").count() == 3
    assert Membership.objects.filter(user__profile__display_name="Robin", status="active").exists()
    assert Occurrence.objects.count() == 8 + 6 + 6
    assert "Evening Support Circle" in client.get("/groups/").content.decode()

    response = client.post(
        "/accounts/login/",
        {"login": "robin@demo.alongside.example", "password": DEMO_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get("/profile/").status_code == 200


def test_seed_demo_prints_the_demo_logins(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    assert "coordinator@demo.alongside.example" in out
