"""The "I need help now" page shows the crisis resources for the country, first options
first; coordinators with two-factor manage the resources on /staff/crisis-resources/."""

import pytest

from alongside.common.models import AuditLogEntry
from alongside.safety.models import CrisisResource

LIST = "/staff/crisis-resources/"
NEW = "/staff/crisis-resources/new/"


def edit_url(resource):
    return f"/staff/crisis-resources/{resource.pk}/"


def deactivate_url(resource):
    return f"/staff/crisis-resources/{resource.pk}/deactivate/"


def form_data(**overrides):
    data = {
        "country": "GB",
        "name": "Evening listening line",
        "phone": "0300 123 4567",
        "opening_hours": "6pm to midnight",
        "order": "50",
        "is_active": "on",
    }
    return data | overrides


# ---- The help-now page ------------------------------------------------------------------


def sections(page: str) -> tuple[str, str, str]:
    first, _, rest = page.partition('id="crisis-first"')
    talk, _, more = rest.partition('id="crisis-more"')
    return first, talk, more


def test_the_help_page_shows_the_uk_first_options_then_the_rest(db, client, settings):
    settings.ALONGSIDE_COUNTRY = "GB"

    page = client.get("/help-now/").content.decode()

    emergency, talk, more = sections(page)
    assert "If your life is at risk now" in emergency
    assert 'href="tel:999">Emergency services: call 999</a>' in emergency
    assert "A&amp;E" in emergency
    assert 'href="tel:116123">Samaritans: call 116 123</a>' in talk
    assert 'href="sms:85258?body=SHOUT">Shout: text SHOUT to 85258</a>' in talk
    assert "More ways to get help" in more
    assert "NHS 111, option 2" in more
    assert "Childline" in more and "Under 19s" in more
    # Not the US number (checked as a link and as words: a random token may hold "911").
    assert "tel:911" not in page and "call 911" not in page.lower()


def test_the_help_page_shows_us_resources_when_asked(db, client, settings):
    settings.ALONGSIDE_COUNTRY = "GB"

    page = client.get("/help-now/?country=us").content.decode()

    emergency, talk, _more = sections(page)
    assert 'href="tel:911">Emergency services: call 911</a>' in emergency
    assert 'href="tel:988">988 Suicide &amp; Crisis Lifeline: call 988</a>' in talk
    assert 'href="sms:988">988 Suicide &amp; Crisis Lifeline: text 988</a>' in talk
    assert 'href="sms:741741?body=HOME">Crisis Text Line: text HOME to 741741</a>' in talk
    assert "Samaritans: call 116 123" not in page


def test_the_help_page_follows_the_organisations_country(db, client, settings):
    settings.ALONGSIDE_COUNTRY = "US"

    page = client.get("/help-now/").content.decode()

    assert "Emergency services: call 911" in page
    assert "Emergency services: call 999" not in page


@pytest.mark.parametrize("country", ["FR", "zz", "<script>", "x" * 5000, "GB\x00"])
def test_an_unknown_country_falls_back_to_the_organisations_own(db, client, settings, country):
    settings.ALONGSIDE_COUNTRY = "GB"

    response = client.get("/help-now/", {"country": country})

    assert response.status_code == 200
    assert "Samaritans: call 116 123" in response.content.decode()


def test_a_deactivated_resource_is_not_shown(db, client):
    CrisisResource.objects.filter(name="Samaritans").update(is_active=False)

    page = client.get("/help-now/?country=GB").content.decode()

    assert "Samaritans: call 116 123" not in page
    assert "Call 999" in page


def test_the_built_in_defaults_show_when_none_are_stored(db, client, settings):
    settings.ALONGSIDE_COUNTRY = "GB"
    CrisisResource.objects.update(is_active=False)

    page = client.get("/help-now/").content.decode()

    emergency, talk, more = sections(page)
    assert "Emergency services: call 999" in emergency
    assert "Samaritans: call 116 123" in talk
    assert "Shout: text SHOUT to 85258" in talk
    assert "More ways to get help" not in more


def test_the_help_page_is_calm_when_a_country_has_nothing(db, client, settings):
    settings.ALONGSIDE_COUNTRY = "FR"

    response = client.get("/help-now/")

    assert response.status_code == 200
    assert "call your local emergency number now" in response.content.decode()


def test_the_help_page_has_a_fixed_number_of_queries(db, client, django_assert_num_queries):
    client.get("/help-now/")  # warm any session or site caches
    with django_assert_num_queries(2):  # which countries have resources; the resources
        client.get("/help-now/?country=US")


# ---- Managing the resources -------------------------------------------------------------


@pytest.mark.parametrize("persona", ["member", "moderator"])
@pytest.mark.parametrize("path", [LIST, NEW])
def test_only_coordinators_can_manage_crisis_resources(request, client_for, persona, path):
    response = client_for(request.getfixturevalue(persona)).get(path)

    assert response.status_code == 403


def test_a_member_cannot_change_or_deactivate_a_resource(client_for, member):
    samaritans = CrisisResource.objects.get(name="Samaritans")
    client = client_for(member)

    assert client.post(edit_url(samaritans), form_data()).status_code == 403
    assert client.post(deactivate_url(samaritans)).status_code == 403
    assert client.post(NEW, form_data()).status_code == 403
    samaritans.refresh_from_db()
    assert samaritans.is_active and samaritans.phone == "116 123"


@pytest.mark.parametrize("path", [LIST, NEW])
def test_a_coordinator_without_two_factor_is_refused(client_for, coordinator_without_2fa, path):
    response = client_for(coordinator_without_2fa).post(path, form_data())

    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert not CrisisResource.objects.filter(name="Evening listening line").exists()


def test_visitors_are_sent_to_log_in(db, client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_coordinator_sees_every_resource(client_for, coordinator):
    page = client_for(coordinator).get(LIST).content.decode()

    assert "Samaritans" in page and "Crisis Text Line" in page


def test_the_staff_dashboard_links_to_the_crisis_resources(client_for, coordinator):
    page = client_for(coordinator).get("/staff/").content.decode()

    assert f'href="{LIST}"' in page


def test_a_coordinator_adds_a_resource(client_for, coordinator):
    response = client_for(coordinator).post(NEW, form_data())

    assert response.status_code == 302
    resource = CrisisResource.objects.get(name="Evening listening line")
    assert resource.phone == "0300 123 4567" and resource.is_active
    entry = AuditLogEntry.objects.get(verb="crisis_resource.created")
    assert entry.actor == coordinator and entry.target_id == str(resource.pk)


def test_a_coordinator_sees_plain_errors_and_nothing_is_saved(client_for, coordinator):
    response = client_for(coordinator).post(NEW, form_data(phone="", web_url="javascript:x"))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Give at least one way to reach this service" in page
    assert "Enter a web address" in page
    assert not CrisisResource.objects.filter(name="Evening listening line").exists()
    assert not AuditLogEntry.objects.filter(verb__startswith="crisis_resource").exists()


def test_a_coordinator_edits_a_resource(client_for, coordinator):
    samaritans = CrisisResource.objects.get(name="Samaritans")
    client = client_for(coordinator)

    assert client.get(edit_url(samaritans)).status_code == 200
    response = client.post(
        edit_url(samaritans), form_data(name="Samaritans", phone="116 123", order="5")
    )

    assert response.status_code == 302
    samaritans.refresh_from_db()
    assert samaritans.order == 5
    assert AuditLogEntry.objects.filter(verb="crisis_resource.updated").count() == 1


def test_a_coordinator_deactivates_a_resource(client_for, coordinator):
    shout = CrisisResource.objects.get(name="Shout")

    response = client_for(coordinator).post(deactivate_url(shout))

    assert response.status_code == 302
    shout.refresh_from_db()
    assert not shout.is_active
    assert AuditLogEntry.objects.filter(verb="crisis_resource.deactivated").count() == 1


def test_deactivating_needs_a_post(client_for, coordinator):
    shout = CrisisResource.objects.get(name="Shout")

    assert client_for(coordinator).get(deactivate_url(shout)).status_code == 405


def test_an_unknown_resource_is_404(client_for, coordinator):
    assert client_for(coordinator).get("/staff/crisis-resources/999999/").status_code == 404


def test_the_list_page_query_count_does_not_grow_with_resources(
    client_for, coordinator, django_assert_max_num_queries
):
    client = client_for(coordinator)
    client.get(LIST)
    for number in range(10):
        CrisisResource.objects.create(country="US", name=f"Line {number}", phone="1")

    with django_assert_max_num_queries(12):
        response = client.get(LIST)

    assert response.status_code == 200
