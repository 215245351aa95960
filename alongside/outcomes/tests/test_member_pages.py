"""A member's own wellbeing pages: the choice, the check-in, answering a measure, skipping,
deleting, and the progress page. Everything works only on the signed-in member's own
check-in, and nobody else's answers ever show."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from alongside.outcomes import actions
from alongside.outcomes.choices import CheckInStatus, Occasion, ResponseStatus
from alongside.outcomes.models import CheckIn, Response, WellbeingPreference
from alongside.outcomes.tests.factories import complete_response, consent, draft_response
from alongside.outcomes.tests.test_invitations import urgent_alert

pytestmark = pytest.mark.django_db

PROGRESS = reverse("outcomes:progress")
CHOICE = reverse("outcomes:consent")
CHECK_IN = reverse("outcomes:check_in")
SKIP = reverse("outcomes:skip")
DELETE = reverse("outcomes:delete")
UCLA = reverse("outcomes:measure", args=["ucla3"])
BELONGING = reverse("outcomes:measure", args=["belonging"])
UCLA_ALL = {"companionship": "2", "left_out": "1", "isolated": "3"}


def text_of(response):
    return html.unescape(response.content.decode())


def stored(member):
    return list(
        Response.objects.filter(member=member).values_list("measure__key", "status", "answers")
    )


@pytest.mark.parametrize("url", [PROGRESS, CHOICE, CHECK_IN, SKIP, DELETE, UCLA])
def test_every_page_needs_signing_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_nav_links_to_wellbeing(client_for, member):
    assert f'href="{PROGRESS}">Wellbeing</a>' in text_of(client_for(member).get("/"))


# ---- not decided yet, and the choice ---------------------------------------------------


def test_undecided_member_gets_a_calm_explanation(client_for, member):
    page = text_of(client_for(member).get(PROGRESS))
    assert "It's always optional" in page
    assert "Only you can see your answers" in page
    assert "groups of 5 or more" in page
    assert "delete all your answers" in page
    assert f'href="{CHOICE}"' in page
    assert "Check in now" not in page


def test_choice_page_has_a_radio_fieldset_and_email_ticked(client_for, member):
    page = text_of(client_for(member).get(CHOICE))
    assert "<legend>Would you like wellbeing check-ins?</legend>" in page
    assert 'type="checkbox" name="by_email" id="id_by_email" aria-describedby' in page
    assert 'id="id_by_email" aria-describedby="id_by_email_hint" checked' in page


def test_first_yes_goes_straight_to_the_baseline_check_in(client_for, member):
    response = client_for(member).post(CHOICE, {"consent": "yes", "by_email": "on"})
    assert response.status_code == 302 and response["Location"] == CHECK_IN
    preference = WellbeingPreference.objects.get(member=member)
    assert preference.consented is True and preference.by_email is True
    check_in = CheckIn.objects.get(member=member)
    assert check_in.occasion == Occasion.BASELINE and check_in.status == CheckInStatus.OPEN


def test_after_an_urgent_event_yes_doesnt_show_a_check_in(client_for, member):
    urgent_alert(member)
    client = client_for(member)
    response = client.post(CHOICE, {"consent": "yes"})
    assert response["Location"] == PROGRESS
    assert CheckIn.objects.get(member=member).status == CheckInStatus.HELD
    page = text_of(client.get(PROGRESS))
    assert "Continue your check-in" not in page and "Check in now" not in page
    assert "There's no check-in waiting for you." in text_of(client.get(CHECK_IN))


def test_no_goes_back_to_progress_with_a_way_to_change_their_mind(client_for, member):
    client = client_for(member)
    response = client.post(CHOICE, {"consent": "no"}, follow=True)
    page = text_of(response)
    assert "We've saved your choice: no check-ins." in page
    assert "say yes to check-ins" in page
    preference = WellbeingPreference.objects.get(member=member)
    assert preference.consented is False and preference.by_email is False
    assert not CheckIn.objects.filter(member=member).exists()


def test_saying_yes_again_goes_to_progress(client_for, member):
    consent(member)
    response = client_for(member).post(CHOICE, {"consent": "yes"})
    assert response["Location"] == PROGRESS


@pytest.mark.parametrize("value", ["", "maybe", "yes\x00", "9" * 40])
def test_choice_without_a_clear_answer_changes_nothing(client_for, member, value):
    response = client_for(member).post(CHOICE, {"consent": value})
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    assert '<a href="#id_consent">Choose yes or no.</a>' in page
    assert 'id="id_consent_error"' in page
    assert not WellbeingPreference.objects.filter(member=member).exists()


# ---- the check-in page -----------------------------------------------------------------


def test_check_in_without_consent_goes_to_the_choice(client_for, member):
    assert client_for(member).get(CHECK_IN)["Location"] == CHOICE
    assert client_for(member).get(UCLA)["Location"] == CHOICE


def test_check_in_lists_measures_with_their_state(client_for, member):
    draft_response(member, "belonging", {"understood": 2})
    complete_check_in = CheckIn.objects.get(member=member)
    assert complete_check_in.status == CheckInStatus.OPEN
    page = text_of(client_for(member).get(CHECK_IN))
    assert "you don't have to do this" in page
    assert reverse("safety:help_now") in page
    assert "Not started" in page and "Saved, not finished" in page
    assert "Skip this check-in" in page
    # The licensed measure without wording isn't asked.
    assert reverse("outcomes:measure", args=["swemwbs"]) not in page


def test_no_check_in_waiting_offers_to_check_in_now(client_for, member):
    complete_response(member, "ucla3", 5)
    client = client_for(member)
    page = text_of(client.get(CHECK_IN))
    assert "There's no check-in waiting for you." in page
    response = client.post(CHECK_IN)
    assert response["Location"] == CHECK_IN
    check_in = CheckIn.objects.get(member=member, status=CheckInStatus.OPEN)
    assert check_in.occasion == Occasion.OWN_CHOICE


def test_check_in_now_without_consent_asks_for_it(client_for, member):
    response = client_for(member).post(PROGRESS)
    assert response["Location"] == CHOICE
    assert not CheckIn.objects.exists()


# ---- answering a measure ---------------------------------------------------------------


def test_measure_page_shows_numbered_questions_as_radio_groups(client_for, member):
    consent(member)
    page = text_of(client_for(member).get(UCLA))
    assert "For each question, choose the answer closest to how you feel." in page
    assert "Question 1 of 3</span> How often do you feel that you lack companionship?" in page
    assert page.count("<fieldset") == 3
    assert page.count('type="radio" name="left_out"') == 3
    assert "Save and continue" in page and "Save and finish later" in page


def test_finishing_a_measure_scores_it_and_moves_on(client_for, member):
    consent(member)
    response = client_for(member).post(UCLA, {**UCLA_ALL, "finish": "1"})
    assert response["Location"] == BELONGING
    saved = Response.objects.get(member=member)
    assert saved.status == ResponseStatus.COMPLETE and saved.raw_score == 6


def test_finishing_the_last_measure_says_thank_you(client_for, member):
    consent(member)
    client = client_for(member)
    client.post(UCLA, {**UCLA_ALL, "finish": "1"})
    response = client.post(
        BELONGING,
        {"peer_community": "4", "understood": "3", "neighbourhood": "2", "finish": "1"},
        follow=True,
    )
    page = text_of(response)
    assert "Thank you for checking in" in page
    assert f'href="{PROGRESS}">See your progress' in page
    assert CheckIn.objects.get(member=member).status == CheckInStatus.COMPLETED


def test_finishing_with_questions_unanswered_saves_a_draft(client_for, member):
    consent(member)
    response = client_for(member).post(UCLA, {"left_out": "2", "finish": "1"})
    assert response.status_code == 200
    page = text_of(response)
    assert "We've saved your answers so far." in page
    assert "Questions 1 and 3 still need an answer before this can be scored." in page
    assert page.count("This question still needs an answer.") == 2
    assert 'value="2" id="id_left_out_1" checked' in page
    assert stored(member) == [("ucla3", "draft", {"left_out": 2})]


def test_one_unanswered_question_in_the_singular(client_for, member):
    consent(member)
    page = text_of(
        client_for(member).post(UCLA, {"left_out": "2", "companionship": "1", "finish": "1"})
    )
    assert "Question 3 still needs an answer before this can be scored." in page


def test_finish_later_keeps_a_draft_and_prefills_it(client_for, member):
    consent(member)
    client = client_for(member)
    response = client.post(UCLA, {"isolated": "3", "later": "1"})
    assert response["Location"] == CHECK_IN
    assert stored(member) == [("ucla3", "draft", {"isolated": 3})]
    page = text_of(client.get(UCLA))
    assert 'value="3" id="id_isolated_2" checked' in page
    # Answering the rest later keeps the earlier answer.
    client.post(UCLA, {"companionship": "1", "left_out": "1", "finish": "1"})
    assert Response.objects.get(member=member).raw_score == 5


@pytest.mark.parametrize("value", ["9", "0", "abc", "-1", "1.5", "9" * 50, "1\x00", "\x00", "٣"])
def test_an_answer_that_isnt_an_option_changes_nothing(client_for, member, value):
    consent(member)
    client = client_for(member)
    client.post(UCLA, {"companionship": "1", "later": "1"})
    before = stored(member)
    response = client.post(UCLA, {**UCLA_ALL, "left_out": value, "finish": "1"})
    assert response.status_code == 400
    page = text_of(response)
    assert "There is a problem" in page
    message = "Question 2: choose one of the answers shown"
    assert f'<a href="#id_left_out">{message}' in page
    assert f'<p class="errorlist" id="id_left_out_error">{message}' in page
    assert stored(member) == before


def test_finishing_with_nothing_answered_stores_nothing(client_for, member):
    consent(member)
    client = client_for(member)
    response = client.post(UCLA, {"finish": "1", "mystery": "2"})
    assert response.status_code == 200
    page = text_of(response)
    assert "You haven't answered any of these questions yet" in page
    assert "We've saved your answers so far" not in page
    assert stored(member) == []
    assert "Delete all my answers" not in text_of(client.get(PROGRESS))


def test_saving_for_later_with_nothing_answered_stores_nothing(client_for, member):
    consent(member)
    response = client_for(member).post(UCLA, {"later": "1"}, follow=True)
    assert "so there was nothing to save" in text_of(response)
    assert "Not started" in text_of(response)
    assert stored(member) == []


def test_repeated_answers_keep_the_last_one(client_for, member):
    consent(member)
    client_for(member).post(UCLA, {"left_out": ["1", "2"], "later": "1"})
    assert stored(member) == [("ucla3", "draft", {"left_out": 2})]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_other_methods_are_refused(client_for, member, method):
    client = client_for(member)
    for url in (PROGRESS, CHOICE, CHECK_IN, SKIP, DELETE):
        assert getattr(client, method)(url).status_code == 405
    assert not CheckIn.objects.exists()


def test_unknown_questions_are_ignored_and_not_stored(client_for, member):
    consent(member)
    client_for(member).post(UCLA, {"left_out": "1", "mystery": "3", "x\x00": "1", "later": "1"})
    assert stored(member) == [("ucla3", "draft", {"left_out": 1})]


@pytest.mark.parametrize("key", ["swemwbs", "nope", "UCLA3"])
def test_unknown_or_unready_measure_is_not_found(client_for, member, key):
    consent(member)
    client = client_for(member)
    url = reverse("outcomes:measure", args=[key])
    assert client.get(url).status_code == 404
    assert client.post(url, {"finish": "1"}).status_code == 404


def test_a_finished_check_in_cant_be_changed(client_for, member):
    complete_response(member, "ucla3", 5)
    client = client_for(member)
    response = client.post(UCLA, {**UCLA_ALL, "finish": "1"}, follow=True)
    assert "There's no check-in open just now" in text_of(response)
    assert Response.objects.get(member=member).raw_score == 5


def test_only_the_members_own_check_in_is_ever_touched(client_for, member, other_member):
    draft_response(other_member, "ucla3", {"left_out": 3})
    consent(member)
    client_for(member).post(UCLA, {**UCLA_ALL, "finish": "1"})
    assert stored(other_member) == [("ucla3", "draft", {"left_out": 3})]
    assert Response.objects.get(member=member).check_in.member == member


# ---- skipping --------------------------------------------------------------------------


def test_skipping_asks_first_then_ends_the_check_in(client_for, member):
    draft_response(member, "ucla3", {"left_out": 3})
    client = client_for(member)
    page = text_of(client.get(SKIP))
    assert "Skip this check-in?" in page and "Yes, skip this check-in" in page
    response = client.post(SKIP, follow=True)
    assert "We'll invite you again in about 3 months." in text_of(response)
    assert CheckIn.objects.get(member=member).status == CheckInStatus.SKIPPED
    assert Response.objects.get(member=member).score is None


def test_skipping_with_nothing_waiting_changes_nothing(client_for, member):
    complete_response(member, "ucla3", 5)
    client = client_for(member)
    assert client.get(SKIP)["Location"] == PROGRESS
    response = client.post(SKIP, follow=True)
    assert "nothing to skip" in text_of(response)
    assert CheckIn.objects.get(member=member).status == CheckInStatus.COMPLETED


# ---- progress --------------------------------------------------------------------------


def test_progress_shows_summary_chart_and_table(client_for, member):
    now = timezone.now()
    complete_response(member, "ucla3", 7, now - timedelta(days=60))
    complete_response(member, "ucla3", 5, now)
    page = text_of(client_for(member).get(PROGRESS))
    assert "Your loneliness score has gone down by 2 points since" in page
    assert "(lower means feeling lonely less often)." in page
    assert '<svg role="img" aria-labelledby="chart-title-ucla3 summary-ucla3"' in page
    assert 'id="summary-ucla3"' in page and 'id="chart-title-ucla3"' in page
    assert page.count("<circle") == 2
    assert "<caption>Your loneliness score over time: your answers</caption>" in page
    assert '<th scope="col">Score</th>' in page
    assert "<td>7</td>" in page and "<td>5</td>" in page
    assert "Raw score" not in page  # the same as the score for UCLA-3
    assert "Scores go from 3 to 9. A lower score is better." in page
    assert "Hughes ME" in page  # the citation
    assert "Check in now" in page
    assert f'href="{DELETE}"' in page


def test_progress_page_queries_dont_grow_with_answers(
    client_for, member, django_assert_max_num_queries
):
    for days in (90, 60, 30, 0):
        complete_response(member, "ucla3", 5, timezone.now() - timedelta(days=days))
        complete_response(member, "belonging", 6, timezone.now() - timedelta(days=days))
    client = client_for(member)
    with django_assert_max_num_queries(20):
        page = text_of(client.get(PROGRESS))
    assert page.count("<circle") == 8


def test_progress_with_one_answer(client_for, member):
    complete_response(member, "belonging", 8)
    page = text_of(client_for(member).get(PROGRESS))
    assert "You've checked in once so far, on" in page


def test_converted_measure_shows_the_raw_score_too(client_for, member):
    complete_response(member, "swemwbs", 21)
    page = text_of(client_for(member).get(PROGRESS))
    assert "Raw score (before conversion)" in page
    assert "<td>21</td>" in page


def test_progress_offers_to_continue_an_open_check_in(client_for, member):
    consent(member)
    assert "Continue your check-in" in text_of(client_for(member).get(PROGRESS))


def test_soon_after_an_urgent_event_progress_doesnt_prompt_a_check_in(client_for, member):
    complete_response(member, "ucla3", 5, timezone.now() - timedelta(days=90))
    consent(member)
    actions.start_own_check_in(member=member)  # opened before the urgent event
    urgent_alert(member)
    client = client_for(member)
    page = text_of(client.get(PROGRESS))
    assert "Continue your check-in" not in page and "Check in now" not in page
    assert f'<form method="post" action="{PROGRESS}"' not in page
    assert "Check-ins are paused for now, so there's nothing you need to do." in page
    assert f'you can <a href="{CHECK_IN}">open your check-in</a> whenever you like' in page
    assert "Your loneliness score over time" in page  # their own answers still show
    # They can still open the check-in themselves.
    check_in_page = text_of(client.get(CHECK_IN))
    assert "Questions in this check-in" in check_in_page


def test_check_ins_are_prompted_again_after_the_quiet_period(client_for, member):
    consent(member)
    urgent_alert(member, days_ago=15)  # the quiet period is 14 days
    page = text_of(client_for(member).get(PROGRESS))
    assert "Continue your check-in" in page
    assert "paused" not in page


def test_progress_before_any_finished_check_in_says_where_scores_will_be(client_for, member):
    consent(member)
    page = text_of(client_for(member).get(PROGRESS))
    assert "When you finish a check-in, your scores will show here." in page
    assert "<svg" not in page


def test_progress_never_shows_another_members_answers(client_for, member, other_member):
    complete_response(other_member, "belonging", 11, timezone.now() - timedelta(days=30))
    complete_response(other_member, "belonging", 12)
    complete_response(member, "ucla3", 4)
    page = text_of(client_for(member).get(PROGRESS))
    assert "belonging score" not in page
    assert "<td>11</td>" not in page and "<td>12</td>" not in page
    assert page.count("<circle") == 1


def test_said_no_shows_how_to_change_their_mind(client_for, member):
    actions.set_consent(member=member, consented=False)
    page = text_of(client_for(member).get(PROGRESS))
    assert "You've chosen not to have wellbeing check-ins." in page
    assert "Check in now" not in page


# ---- deleting --------------------------------------------------------------------------


def test_delete_asks_first_then_deletes_only_their_answers(client_for, member, other_member):
    complete_response(member, "ucla3", 5)
    draft_response(member, "belonging", {"understood": 2})
    complete_response(other_member, "ucla3", 6)
    client = client_for(member)
    page = text_of(client.get(DELETE))
    assert "Delete all your answers?" in page and "(to 2 sets of questions)" in page
    response = client.post(DELETE, follow=True)
    assert "We've deleted all your answers, to 2 sets of questions." in text_of(response)
    assert not Response.objects.filter(member=member).exists()
    assert not CheckIn.objects.filter(member=member).exists()
    assert Response.objects.filter(member=other_member).count() == 1


def test_delete_with_nothing_saved(client_for, member):
    response = client_for(member).post(DELETE, follow=True)
    assert "nothing to delete" in text_of(response)
