"""The questionnaire's pages: one question a page, answers kept in the session, bad input
refused with plain words next to the field and nothing lost from the other answers."""

import html
from itertools import pairwise

import pytest
from django.urls import reverse

from alongside.accounts import places
from alongside.accounts.tests.factories import TopicFactory
from alongside.finder.answers import SESSION_KEY, FinderAnswers, Step

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def _gazetteer_loaded():
    places.search_places("Cardiff")


def step_url(step, change=False):
    url = reverse("finder:step", args=[str(step)])
    return f"{url}?change=1" if change else url


def stored(client) -> FinderAnswers:
    return FinderAnswers.from_dict(client.session[SESSION_KEY])


def with_answers(client, **answers):
    session = client.session
    session[SESSION_KEY] = FinderAnswers(**answers).to_dict()
    session.save()


def test_start_page_needs_no_account_and_links_to_the_first_question(client):
    response = client.get(reverse("finder:start"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "You don't need an account" in page
    assert "We don't keep them unless you choose" in page
    assert step_url(Step.TOPICS) in page
    assert "Start again" not in page


def test_start_page_offers_continue_and_start_again_once_started(client):
    with_answers(client, languages=("cy",))
    page = client.get(reverse("finder:start")).content.decode()
    assert "Continue" in page and "Start again" in page

    response = client.post(reverse("finder:start"))
    assert response.status_code == 302
    assert response.url == step_url(Step.TOPICS)
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize("step", list(Step))
def test_every_step_shows_its_question_and_a_back_link(client, step):
    response = client.get(step_url(step))
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>" in page
    assert 'class="back-link"' in page
    assert "Continue" in page


def test_unknown_step_is_not_found(client):
    assert client.get(step_url("nonsense")).status_code == 404
    assert client.post(step_url("nonsense"), {}).status_code == 404


def test_back_links_go_to_the_previous_question(client):
    steps = list(Step)
    first = client.get(step_url(steps[0])).content.decode()
    assert f'class="back-link" href="{reverse("finder:start")}"' in first
    for previous, step in pairwise(steps):
        page = client.get(step_url(step)).content.decode()
        assert f'class="back-link" href="{step_url(previous)}"' in page


def test_without_an_account_the_answers_go_when_the_browser_closes(client):
    # As the start page says: no account, nothing kept once the browser is closed.
    client.post(step_url(Step.TOPICS), {"about": "Lost my dad"})
    assert client.session.get_expire_at_browser_close()


def test_a_members_answers_last_as_long_as_their_sign_in(client, member):
    client.force_login(member)
    client.post(step_url(Step.TOPICS), {"about": "Lost my dad"})
    assert not client.session.get_expire_at_browser_close()


def test_continue_with_nothing_ticked_means_no_preference(client):
    response = client.post(step_url(Step.CONNECT), {})
    assert response.status_code == 302
    assert response.url == step_url(Step.WAYS)
    assert stored(client).formats == ()


def test_topics_step_stores_topics_and_words(client):
    grief = TopicFactory(name="Bereavement")
    TopicFactory(name="Old topic", is_active=False)
    page = client.get(step_url(Step.TOPICS)).content.decode()
    assert "Bereavement" in page
    assert "Old topic" not in page

    response = client.post(
        step_url(Step.TOPICS), {"topics": [str(grief.pk)], "about": "  Lost my dad\x00 "}
    )
    assert response.status_code == 302
    assert response.url == step_url(Step.CONNECT)
    assert stored(client).topics == (grief.pk,)
    assert stored(client).about == "Lost my dad"


@pytest.mark.parametrize("bad", ["abc", "99999999999999999999999", "-1", "\x00"])
def test_topics_step_refuses_unknown_topics_without_an_error_page(client, bad):
    response = client.post(step_url(Step.TOPICS), {"topics": [bad]})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


@pytest.mark.parametrize(
    ("step", "data", "first_box"),
    [
        (Step.CONNECT, {"formats": ["zz"]}, 'value="group" aria-invalid="true" id="id_formats"'),
        (Step.WHEN, {"availability": ["zz"]}, 'value="mon_morning" id="id_availability"'),
    ],
)
def test_the_error_summary_leads_to_the_first_box_of_the_question(client, step, data, first_box):
    page = client.post(step_url(step), data).content.decode()
    field_id = first_box.rsplit('id="', 1)[1].rstrip('"')
    assert f'<a href="#{field_id}">' in page
    assert first_box in page
    assert page.count(f'id="{field_id}"') == 1
    assert f'<label for="{field_id}">' in page


def test_words_over_the_limit_are_refused_and_kept_on_the_page(client):
    response = client.post(step_url(Step.TOPICS), {"about": "a" * 1001})
    assert response.status_code == 400
    assert "Keep this to 1,000 characters or fewer (it has 1,001)" in response.content.decode()
    assert SESSION_KEY not in client.session


def test_each_step_stores_its_answers_and_goes_on(client):
    posts = [
        (Step.CONNECT, {"formats": ["group", "one_to_one"]}, Step.WAYS),
        (Step.WAYS, {"modes": ["in_person", "video"]}, Step.WHEN),
        (Step.WHEN, {"availability": ["tue_evening", "sat_morning"]}, Step.WHERE),
        (Step.WHERE, {"place": "Cardiff", "travel_distance": "5", "distance_unit": "mi"}, None),
    ]
    for step, data, next_step in posts:
        response = client.post(step_url(step), data)
        assert response.status_code == 302, response.content.decode()
        if next_step:
            assert response.url == step_url(next_step)
    client.post(step_url(Step.LANGUAGES), {"languages": ["cy", "en"]})
    response = client.post(
        step_url(Step.ACCESS),
        {"access_needs": ["step_free"], "access_needs_other": "", "access_flexible": "on"},
    )
    assert response.url == reverse("finder:check")
    answers = stored(client)
    assert answers.formats == ("group", "one_to_one")
    assert answers.modes == ("in_person", "video")
    assert answers.availability == ("tue_evening", "sat_morning")
    assert answers.place_name == "Cardiff, Wales, United Kingdom"
    assert answers.has_place
    assert answers.travel_distance == 5 and answers.distance_unit == "mi"
    assert answers.languages == ("en", "cy")  # in the list's order
    assert answers.access_needs == ("step_free",)
    assert answers.access_flexible is True


def test_a_step_shows_the_answers_already_given(client):
    with_answers(client, modes=("phone",), availability=("wed_afternoon",))
    ways = client.get(step_url(Step.WAYS)).content.decode()
    assert 'value="phone" id="id_modes_2" checked' in ways
    assert ways.count(" checked") == 1
    when = client.get(step_url(Step.WHEN)).content.decode()
    assert 'value="wed_afternoon" id="id_availability_wed_afternoon" checked' in when


def test_going_back_keeps_the_answers(client):
    client.post(step_url(Step.CONNECT), {"formats": ["online"]})
    client.post(step_url(Step.WAYS), {"modes": ["forum"]})
    page = client.get(step_url(Step.CONNECT)).content.decode()
    assert 'value="online"' in page
    assert page.count("checked") == 1


def test_change_from_the_check_page_returns_there(client):
    response = client.post(step_url(Step.LANGUAGES, change=True), {"languages": ["pl"]})
    assert response.url == reverse("finder:check")
    page = client.get(step_url(Step.LANGUAGES, change=True)).content.decode()
    assert f'class="back-link" href="{reverse("finder:check")}"' in page


def test_a_town_not_in_the_gazetteer_suggests_close_spellings_and_loses_nothing(client):
    with_answers(client, languages=("cy",), modes=("video",))
    response = client.post(
        step_url(Step.WHERE), {"place": "Cardif", "travel_distance": "5", "distance_unit": "mi"}
    )
    assert response.status_code == 400
    page = html.unescape(response.content.decode())
    assert "We couldn't find a town called \u201cCardif\u201d" in page
    assert "Did you mean" in page and "Cardiff" in page
    assert 'href="#id_place"' in page  # the error summary links to the field
    assert 'value="Cardif"' in page  # what they typed is still there
    answers = stored(client)
    assert answers.languages == ("cy",) and answers.modes == ("video",)
    assert not answers.has_place


@pytest.mark.parametrize("distance", ["-5", "100000", "0", "lots", "1e400", "nan"])
def test_a_travel_distance_out_of_range_is_refused(client, distance):
    with_answers(client, languages=("cy",))
    response = client.post(
        step_url(Step.WHERE),
        {"place": "Cardiff", "travel_distance": distance, "distance_unit": "mi"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter how far you can travel as a number of miles from 1 to 200" in page
    assert stored(client).languages == ("cy",)
    assert stored(client).travel_distance is None


def test_kilometres_have_their_own_limit(client):
    response = client.post(
        step_url(Step.WHERE), {"place": "", "travel_distance": "300", "distance_unit": "km"}
    )
    assert response.status_code == 302
    assert stored(client).travel_distance == 300
    assert stored(client).distance_unit == "km"


def test_a_bad_unit_is_refused(client):
    response = client.post(step_url(Step.WHERE), {"travel_distance": "5", "distance_unit": "li"})
    assert response.status_code == 400


def test_in_person_only_with_no_town_is_explained_on_the_where_step(client):
    with_answers(client, modes=("in_person",), languages=("cy",), formats=("group",))
    response = client.post(step_url(Step.WHERE), {"place": "", "distance_unit": "mi"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "You chose to meet only in person, so we need your town" in page
    answers = stored(client)
    assert answers.modes == ("in_person",)
    assert answers.languages == ("cy",)
    assert answers.formats == ("group",)


def test_groups_by_text_only_is_explained_on_the_ways_step(client):
    with_answers(client, formats=("group",))
    response = client.post(step_url(Step.WAYS), {"modes": ["forum"]})
    assert response.status_code == 400
    assert "Groups meet in person, by video or by phone" in response.content.decode()
    assert stored(client).modes == ()


def test_the_check_page_lists_answers_with_change_links(client):
    grief = TopicFactory(name="Bereavement")
    with_answers(
        client,
        topics=(grief.pk,),
        availability=("tue_evening",),
        languages=("cy",),
        travel_distance=5.0,
        distance_unit="mi",
    )
    response = client.get(reverse("finder:check"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Bereavement" in page
    assert "Tuesday evening" in page
    assert "Welsh (Cymraeg)" in page
    assert "Up to 5 miles" in page
    assert "No preference" in page
    assert step_url(Step.LANGUAGES, change=True) in page
    assert reverse("finder:results") in page


def test_the_check_page_shows_answers_that_contradict_each_other(client):
    # Changing an earlier answer can make a later one contradict it.
    with_answers(client, formats=("group",), modes=("forum",))
    page = client.get(reverse("finder:check")).content.decode()
    assert "Groups meet in person, by video or by phone" in page
    assert step_url(Step.WAYS, change=True) in page


def test_access_step_other_needs_words(client):
    response = client.post(step_url(Step.ACCESS), {"access_needs": ["other"]})
    assert response.status_code == 400
    assert "Tell us what would help" in response.content.decode()

    response = client.post(step_url(Step.ACCESS), {"access_needs_other": "A seat near the door"})
    assert response.status_code == 302
    assert stored(client).access_needs == ("other",)
    assert stored(client).access_needs_other == "A seat near the door"


def test_a_broken_session_counts_as_not_started(client):
    session = client.session
    session[SESSION_KEY] = {"topics": "not a list", "nonsense": 1, "travel_distance": None}
    session.save()
    assert client.get(step_url(Step.TOPICS)).status_code == 200
    session = client.session
    session[SESSION_KEY] = ["not", "a", "dict"]
    session.save()
    assert client.get(reverse("finder:check")).status_code == 200


ODD_VALUES = [
    "",
    "\x00",
    "😀 Caerdydd ☕",
    "x" * 20_000,
    "-5",
    "99999999999999999999999999",
    "1e400",
    "<script>alert(1)</script>",
]


@pytest.mark.parametrize("step", list(Step))
@pytest.mark.parametrize("value", ODD_VALUES)
def test_no_input_gives_an_error_page(client, step, value):
    fields = [
        "topics", "about", "formats", "modes", "availability", "place", "travel_distance",
        "distance_unit", "languages", "access_needs", "access_needs_other", "access_flexible",
    ]  # fmt: skip
    with_answers(client, languages=("cy",))
    response = client.post(step_url(step), {name: [value, value] for name in fields})
    assert response.status_code in (302, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert stored(client).languages == ("cy",) or step == Step.LANGUAGES
