"""The coordinators' measure and settings pages, the admin's check of a definition, and the
staff dashboard's links."""

import json

import pytest
from django.contrib.admin.sites import site

from alongside.accounts.tests.factories import activate_totp
from alongside.common.models import AuditLogEntry
from alongside.outcomes.actions import set_consent
from alongside.outcomes.admin import MeasureAdminForm
from alongside.outcomes.models import CheckIn, Measure, OutcomesSettings, Response

pytestmark = pytest.mark.django_db

MEASURES = "/staff/outcomes/measures/"
SWEMWBS = "/staff/outcomes/measures/swemwbs/"
UCLA = "/staff/outcomes/measures/ucla3/"
SETTINGS = "/staff/outcomes/settings/"
WORDING = {
    "form": "wording",
    "optimistic": "I've been feeling hopeful",
    "useful": "I've been feeling helpful",
    "relaxed": "I've been feeling calm",
    "problems": "I've been handling things",
    "thinking": "I've been thinking straight",
    "close": "I've been feeling near to people",
    "own_mind": "I've been deciding for myself",
}


def swemwbs():
    return Measure.objects.get(key="swemwbs")


# Permissions -----------------------------------------------------------------------------


@pytest.mark.parametrize("url", [MEASURES, SWEMWBS, SETTINGS])
def test_anonymous_people_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", [MEASURES, SWEMWBS, SETTINGS])
@pytest.mark.parametrize("persona", ["member", "moderator", "coordinator_without_2fa"])
def test_only_coordinators_with_two_factor_see_the_pages(client_for, request, url, persona):
    response = client_for(request.getfixturevalue(persona)).get(url)
    assert response.status_code in (302, 403)
    assert b"Wellbeing measures" not in response.content


def test_a_moderator_cannot_change_wording_or_settings(client_for, moderator):
    client = client_for(moderator)
    assert client.post(SWEMWBS, WORDING).status_code == 403
    assert (
        client.post(SETTINGS, {"interval_months": "6", "quiet_days_after_urgent": "20"}).status_code
        == 403
    )
    assert client.post(UCLA, {"form": "active", "active": "no"}).status_code == 403
    assert swemwbs().item_wording == {}
    assert Measure.objects.get(key="ucla3").is_active
    assert OutcomesSettings.objects.filter(interval_months=6).count() == 0


def test_an_unknown_measure_is_not_found(client_for, coordinator):
    assert client_for(coordinator).get("/staff/outcomes/measures/nope/").status_code == 404


# The list ---------------------------------------------------------------------------------


def test_the_list_shows_each_measure_and_its_status(client_for, coordinator):
    Measure.objects.filter(key="belonging").update(is_active=False)
    page = client_for(coordinator).get(MEASURES).content.decode()
    assert "Wellbeing (SWEMWBS)" in page
    assert "Needs its wording: 7 statements to enter" in page
    assert "Loneliness (UCLA-3)" in page
    assert "Being asked" in page
    assert "Stopped" in page
    assert "manage.py load_measures" in page
    assert 'href="/staff/outcomes/measures/ucla3/"' in page


def test_the_list_takes_few_queries(client_for, coordinator, django_assert_max_num_queries):
    client = client_for(coordinator)
    with django_assert_max_num_queries(15):
        client.get(MEASURES)


# A measure's page -------------------------------------------------------------------------


def test_a_measure_page_shows_the_definition(client_for, coordinator):
    page = client_for(coordinator).get(SWEMWBS).content.decode()
    assert "Short Warwick-Edinburgh Mental Wellbeing Scale" in page
    assert "None of the time" in page and "All of the time" in page
    assert '<th scope="row">35</th><td>35.00</td>' in page  # the conversion table's end points
    assert '<th scope="row">7</th><td>7.00</td>' in page
    assert "A higher score is better." in page
    assert "University of Warwick" in page
    assert "Statement 1 (optimism about the future)" in page
    assert "Statement 7 (making up one&#x27;s own mind)" in page


def test_a_measure_with_shipped_wording_has_no_wording_form(client_for, coordinator):
    page = client_for(coordinator).get(UCLA).content.decode()
    assert "How often do you feel left out?" in page
    assert "A lower score is better." in page
    assert "Enter the licensed wording" not in page
    response = client_for(coordinator).post(UCLA, {"form": "wording", "left_out": "x"})
    assert response.status_code == 302
    assert Measure.objects.get(key="ucla3").item_wording == {}


def test_missing_wording_is_shown_beside_each_field_and_nothing_is_saved(client_for, coordinator):
    data = {**WORDING, "relaxed": "   ", "close": ""}
    response = client_for(coordinator).post(SWEMWBS, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert '<a href="#id_relaxed">Enter the wording of statement 3 (feeling relaxed).</a>' in page
    assert "Enter the wording of statement 6 (feeling close to other people)." in page
    assert 'value="I&#x27;ve been feeling hopeful"' in page  # what was typed stays
    assert swemwbs().item_wording == {}
    assert not AuditLogEntry.objects.filter(verb="outcomes.wording_entered").exists()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("x" * 501, "Statement 2 must be 500 characters or fewer (it has 501)."),
        ("nul\x00byte", "Statement 2 has a hidden character that can&#x27;t be saved."),
    ],
)
def test_odd_wording_is_refused_calmly(client_for, coordinator, bad, message):
    response = client_for(coordinator).post(SWEMWBS, {**WORDING, "useful": bad})
    assert response.status_code == 400
    assert f'<a href="#id_useful">{message}' in response.content.decode()
    assert swemwbs().item_wording == {}


@pytest.mark.parametrize("url", [MEASURES, SWEMWBS, SETTINGS])
def test_odd_posts_never_fail_and_change_nothing(client_for, coordinator, url):
    client = client_for(coordinator)
    for data in (
        {},
        {"form": "\x00", "active": "9" * 5000},
        {"form": ["active", "wording"], "active": ["yes", "maybe"]},
        {"interval_months": ["6", "abc"], "quiet_days_after_urgent": "1e999"},
    ):
        assert client.post(url, data).status_code in (302, 400, 405)
    assert client.get(url, {"form": "active", "active": "no"}).status_code == 200
    assert swemwbs().item_wording == {} and swemwbs().is_active
    assert OutcomesSettings.objects.filter(updated_by__isnull=False).count() == 0


def test_wording_is_saved_audited_and_shown_to_members(client_for, coordinator, member):
    response = client_for(coordinator).post(SWEMWBS, {**WORDING, "unknown": "ignored"})
    assert response.status_code == 302
    measure = swemwbs()
    assert measure.item_wording["optimistic"] == "I've been feeling hopeful"
    assert "unknown" not in measure.item_wording
    assert measure.is_ready
    assert AuditLogEntry.objects.filter(verb="outcomes.wording_entered").count() == 1
    assert "I&#x27;ve been feeling hopeful" not in str(AuditLogEntry.objects.values_list("data"))

    page = client_for(coordinator).get(SWEMWBS).content.decode()
    assert "Being asked" in page
    assert 'value="I&#x27;ve been deciding for myself"' in page  # prefilled

    set_consent(member=member, consented=True, by_email=False)
    page = client_for(member).get("/wellbeing/check-in/swemwbs/").content.decode()
    assert "I&#x27;ve been feeling near to people" in page


def test_stop_and_start_asking(client_for, coordinator):
    client = client_for(coordinator)
    response = client.post(UCLA, {"form": "active", "active": "no"}, follow=True)
    assert "Stopped. Members won" in response.content.decode()
    assert not Measure.objects.get(key="ucla3").is_active
    assert "Start asking this measure" in response.content.decode()
    client.post(UCLA, {"form": "active", "active": "yes"})
    assert Measure.objects.get(key="ucla3").is_active
    verbs = list(AuditLogEntry.objects.values_list("verb", flat=True))
    assert "outcomes.measure_stopped" in verbs and "outcomes.measure_started" in verbs


def test_an_odd_start_stop_post_changes_nothing(client_for, coordinator):
    response = client_for(coordinator).post(UCLA, {"form": "active", "active": "maybe"})
    assert response.status_code == 302
    assert Measure.objects.get(key="ucla3").is_active


# Settings ---------------------------------------------------------------------------------


def test_settings_show_the_defaults(client_for, coordinator):
    page = client_for(coordinator).get(SETTINGS).content.decode()
    assert 'name="interval_months"' in page and 'value="3"' in page
    assert 'value="14"' in page


def test_settings_are_saved_and_audited(client_for, coordinator):
    response = client_for(coordinator).post(
        SETTINGS, {"interval_months": "6", "quiet_days_after_urgent": "30"}
    )
    assert response.status_code == 302
    row = OutcomesSettings.objects.get(pk=1)
    assert (row.interval_months, row.ask_when_support_ends, row.quiet_days_after_urgent) == (
        6,
        False,
        30,
    )
    assert AuditLogEntry.objects.filter(verb="outcomes.settings_changed").exists()


@pytest.mark.parametrize("bad", ["abc", "0", "13", "1e9", "9" * 5000, "", "-1", "3.5", "\x00"])
def test_bad_intervals_get_a_clear_message(client_for, coordinator, bad):
    response = client_for(coordinator).post(
        SETTINGS, {"interval_months": bad, "quiet_days_after_urgent": "14"}
    )
    assert response.status_code == 400
    assert "Enter a whole number of months from 1 to 12, like 3." in response.content.decode()
    assert not OutcomesSettings.objects.filter(updated_by__isnull=False).exists()


@pytest.mark.parametrize("bad", ["0", "91", "abc"])
def test_bad_quiet_days_get_a_clear_message(client_for, coordinator, bad):
    response = client_for(coordinator).post(
        SETTINGS, {"interval_months": "3", "quiet_days_after_urgent": bad}
    )
    assert response.status_code == 400
    assert "Enter a whole number of days from 1 to 90, like 14." in response.content.decode()


# Admin ------------------------------------------------------------------------------------


def test_members_answers_are_not_in_the_admin():
    assert site.is_registered(Measure)
    assert not site.is_registered(Response)
    assert not site.is_registered(CheckIn)


def _definition(**changes) -> dict:
    data = json.loads(json.dumps(Measure.objects.get(key="ucla3").definition))
    data.update(changes)
    return data


def test_the_admin_refuses_a_bad_definition_and_says_why():
    data = _definition(key="new-one", score_range=[3, 10], higher_is_better="no")
    form = MeasureAdminForm(
        data={"definition": json.dumps(data), "position": "5", "is_active": "on"},
        instance=Measure(),
    )
    assert not form.is_valid()
    assert "“higher_is_better” must be true or false." in form.errors["definition"]


def test_the_admin_adds_a_good_definition_and_keeps_keys(client, admin_user):
    activate_totp(admin_user)
    client.force_login(admin_user)
    admin_client = client
    data = _definition(key="ucla3-copy", name="A copy of UCLA-3")
    response = admin_client.post(
        "/admin/outcomes/measure/add/",
        {"definition": json.dumps(data), "position": "9", "is_active": "on"},
    )
    assert response.status_code == 302
    copy = Measure.objects.get(key="ucla3-copy")
    assert copy.name == "A copy of UCLA-3"
    assert copy.position == 9
    measure = Measure.objects.get(key="ucla3")
    changed = admin_client.post(
        f"/admin/outcomes/measure/{measure.pk}/change/",
        {"definition": json.dumps(_definition(key="other")), "position": "1"},
    )
    assert changed.status_code == 200
    assert "can&#x27;t change" in changed.content.decode()
    assert Measure.objects.get(pk=measure.pk).key == "ucla3"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"key": "k" * 41}, "“key” must be 40 characters or fewer."),
        ({"key": "long-name", "name": "n" * 201}, "“name” must be 200 characters or fewer."),
    ],
)
def test_the_admin_refuses_what_a_measure_row_cant_hold(changes, message):
    form = MeasureAdminForm(
        data={"definition": json.dumps(_definition(**changes)), "position": "5"},
        instance=Measure(),
    )
    assert not form.is_valid()
    assert message in form.errors["definition"]


def test_the_admin_form_refuses_text_that_isnt_json():
    form = MeasureAdminForm(data={"definition": "{not json", "position": "1"}, instance=Measure())
    assert not form.is_valid()
    assert "definition" in form.errors


# Dashboard --------------------------------------------------------------------------------


def test_the_dashboard_links_to_the_pages_and_asks_for_the_wording(client_for, coordinator):
    page = client_for(coordinator).get("/staff/").content.decode()
    assert "Wellbeing and outcomes" in page
    for url in ("/staff/outcomes/", "/staff/outcomes/activity/", MEASURES, SETTINGS):
        assert f'href="{url}"' in page
    assert "enter the wording of Wellbeing (SWEMWBS)" in page
    swemwbs_measure = swemwbs()
    swemwbs_measure.item_wording = {k: v for k, v in WORDING.items() if k != "form"}
    swemwbs_measure.save()
    assert "enter the wording of" not in client_for(coordinator).get("/staff/").content.decode()


def test_a_moderator_sees_no_outcomes_section(client_for, moderator):
    assert "Wellbeing and outcomes" not in client_for(moderator).get("/staff/").content.decode()
