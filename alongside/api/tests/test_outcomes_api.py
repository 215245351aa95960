"""/api/v1/outcomes: a member's own consent, check-ins, answers and progress (never anyone
else's), and the coordinators' aggregate reports with small cells withheld."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from alongside.accounts.tests.factories import UserFactory
from alongside.api.tests.test_matching_api_member import api_client
from alongside.outcomes.models import CheckIn, Measure, Response, WellbeingPreference
from alongside.outcomes.tests.factories import (
    complete_response,
    consent,
    draft_response,
    give_wording,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/outcomes"
ALL_ONES = {"companionship": 1, "left_out": 1, "isolated": 1}


def send(client, method, path, body=None):
    if method == "get":
        return client.get(BASE + path)
    call = getattr(client, method)
    data = body if isinstance(body, str) else json.dumps(body or {})
    return call(BASE + path, data, content_type="application/json")


def stored():
    """Everything a failed request must leave as it was."""
    return (
        list(Response.objects.values_list("id", "status", "answers", "score")),
        list(CheckIn.objects.values_list("id", "status")),
    )


# ---- Measures and consent ------------------------------------------------------------------


def test_measures_lists_only_those_with_wording(member):
    client = api_client(member)

    body = send(client, "get", "/measures").json()

    keys = [m["key"] for m in body["items"]]
    assert "ucla3" in keys and "belonging" in keys
    assert "swemwbs" not in keys  # licensed wording not entered yet
    ucla = next(m for m in body["items"] if m["key"] == "ucla3")
    assert ucla["items"][1] == {
        "key": "left_out",
        "number": 2,
        "wording": "How often do you feel left out?",
    }
    assert ucla["options"][0] == {"value": 1, "label": "Hardly ever or never"}
    assert ucla["score_range"] == [3, 9]
    assert ucla["higher_is_better"] is False
    assert ucla["citation"] and ucla["licence"]


def test_a_measure_appears_once_its_wording_is_entered(member):
    give_wording("swemwbs")

    body = send(api_client(member), "get", "/measures").json()

    swemwbs = next(m for m in body["items"] if m["key"] == "swemwbs")
    assert len(swemwbs["items"]) == 7
    assert all(item["wording"] for item in swemwbs["items"])


def test_saying_yes_opens_the_first_check_in(member):
    client = api_client(member)
    assert send(client, "get", "/preference").json()["consented"] is None

    response = send(client, "put", "/preference", {"consented": True, "by_email": False})

    assert response.status_code == 200, response.content
    assert response.json()["consented"] is True
    assert response.json()["by_email"] is False
    check_in = send(client, "get", "/check-in").json()
    assert check_in["occasion"] == "baseline"
    assert {m["key"]: m["status"] for m in check_in["measures"]} == {
        "ucla3": "not_started",
        "belonging": "not_started",
    }


def test_saying_no_closes_the_waiting_check_in(member):
    client = api_client(member)
    send(client, "put", "/preference", {"consented": True})

    response = send(client, "put", "/preference", {"consented": False})

    assert response.json()["consented"] is False
    assert send(client, "get", "/check-in").status_code == 404


def test_changing_the_choice_keeps_an_earlier_no_to_emails(member):
    client = api_client(member)
    send(client, "put", "/preference", {"consented": True, "by_email": False})

    send(client, "put", "/preference", {"consented": False})
    response = send(client, "put", "/preference", {"consented": True})

    assert response.json()["by_email"] is False
    assert WellbeingPreference.objects.get(member=member).by_email is False


@pytest.mark.parametrize(
    "body",
    [{"consented": "yes"}, {}, {"consented": True, "shout": 1}, {"consented": None}, "[]", "{"],
)
def test_a_muddled_choice_is_refused_and_changes_nothing(member, body):
    response = send(api_client(member), "put", "/preference", body)

    assert response.status_code == 422
    assert response.json()["errors"]
    assert not WellbeingPreference.objects.filter(member=member).exists()


# ---- Check-ins -----------------------------------------------------------------------------


def test_without_consent_a_check_in_cant_be_started(member):
    client = api_client(member)

    response = send(client, "post", "/check-in")

    assert response.status_code == 403
    assert response.json()["detail"] == "Say yes to wellbeing check-ins first."
    missing = send(client, "get", "/check-in")
    assert missing.status_code == 404
    assert "no wellbeing check-in waiting" in missing.json()["detail"]
    assert not CheckIn.objects.exists()


def test_a_member_starts_a_check_in_and_finishes_a_measure(member):
    consent(member)
    client = api_client(member)
    started = send(client, "post", "/check-in")
    assert started.status_code == 200

    response = send(
        client, "put", "/check-in/responses/ucla3", {"answers": ALL_ONES, "finish": True}
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "complete"
    assert body["raw_score"] == 3 and body["score"] == 3
    assert body["unanswered"] == []
    assert body["check_in_status"] == "open"  # belonging is still to answer
    assert body["detail"] == "Thank you. Your answers are saved."
    saved = Response.objects.get(member=member)
    assert saved.answers == ALL_ONES and saved.score == 3

    belonging = {"peer_community": 4, "understood": "3", "neighbourhood": 2}
    done = send(
        client, "put", "/check-in/responses/belonging", {"answers": belonging, "finish": True}
    ).json()
    assert done["score"] == 9
    assert done["check_in_status"] == "completed"


def test_a_partly_answered_measure_is_kept_as_an_unscored_draft(member):
    consent(member)
    client = api_client(member)

    response = send(
        client,
        "put",
        "/check-in/responses/ucla3",
        {"answers": {"companionship": 2}, "finish": True},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "draft"
    assert body["score"] is None and body["raw_score"] is None
    assert body["unanswered"] == ["left_out", "isolated"]
    assert "saved as a draft and not scored" in body["detail"]
    assert "2 questions still to answer" in body["detail"]
    check_in = send(client, "get", "/check-in").json()
    ucla = next(m for m in check_in["measures"] if m["key"] == "ucla3")
    assert ucla == {
        "key": "ucla3",
        "name": ucla["name"],
        "status": "draft",
        "answers": {"companionship": 2},
        "unanswered": ["left_out", "isolated"],
    }
    assert Response.objects.get(member=member).score is None


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({"left_out": 7}, "answers.left_out", "Choose one of the answers for question 2"),
        ({"left_out": 10**30}, "answers.left_out", "Choose one of the answers for question 2"),
        ({"left_out": "often"}, "answers.left_out", "Choose one of the answers for question 2"),
        ({"left_out": 2.5}, "answers.left_out", "Choose one of the answers for question 2"),
        ({"left_out": True}, "answers.left_out", "Choose one of the answers for question 2"),
        ({"left_out": "\x00"}, "answers.left_out", "Choose one of the answers for question 2"),
        ({"sad": 1}, "answers.sad", "There is no question 'sad' in this measure."),
        ({"a\x00b": 1}, "answers.a\x00b", "There is no question"),
        ([1, 2, 3], "answers", "Send the answers as {question key: answer value}."),
        ("1", "answers", "Send the answers as {question key: answer value}."),
    ],
)
def test_a_wrong_answer_is_named_and_nothing_is_saved(member, answers, field, words):
    consent(member)
    client = api_client(member)
    send(client, "put", "/check-in/responses/ucla3", {"answers": {"companionship": 2}})
    before = stored()

    response = send(
        client,
        "put",
        "/check-in/responses/ucla3",
        {"answers": {"isolated": 1, **answers} if isinstance(answers, dict) else answers},
    )

    assert response.status_code == 422, response.content
    assert words in response.json()["errors"][field][0]
    assert stored() == before


def test_a_body_that_isnt_answers_is_refused(member):
    consent(member)
    client = api_client(member)
    for body in ["{", "[]", {"finish": True}, {"answers": {}, "finish": "yes"}, {"x": 1}]:
        response = send(client, "put", "/check-in/responses/ucla3", body)
        assert response.status_code == 422, body
    assert not Response.objects.exists()


def test_an_unknown_or_unworded_measure_is_not_found(member):
    consent(member)
    client = api_client(member)

    for key in ["nope", "swemwbs", "%00"]:
        response = send(client, "put", f"/check-in/responses/{key}", {"answers": {}})
        assert response.status_code == 404, key
        assert "no questions with that name" in response.json()["detail"]
    assert not Response.objects.exists()


def test_answers_need_a_waiting_check_in(member):
    client = api_client(member)

    response = send(client, "put", "/check-in/responses/ucla3", {"answers": ALL_ONES})

    assert response.status_code == 404
    assert not Response.objects.exists()


def test_with_no_questions_ready_a_check_in_cant_start(member):
    consent(member)
    send(api_client(member), "post", "/check-in/skip")
    Measure.objects.update(is_active=False)

    response = send(api_client(member), "post", "/check-in")

    assert response.status_code == 409
    assert response.json()["detail"] == (
        "There are no questions to answer yet. Please try again later."
    )
    assert send(api_client(member), "get", "/measures").json()["items"] == []


def test_a_member_skips_their_check_in(member):
    consent(member)
    client = api_client(member)

    response = send(client, "post", "/check-in/skip")

    assert response.status_code == 200
    assert response.json()["status"] == "skipped"
    assert send(client, "get", "/check-in").status_code == 404
    assert send(client, "post", "/check-in/skip").status_code == 404


# ---- Your answers --------------------------------------------------------------------------


def test_a_member_lists_only_their_own_answers_newest_first(member, other_member):
    now = timezone.now()
    older = complete_response(member, "ucla3", 9, when=now - timedelta(days=90))
    newer = complete_response(member, "ucla3", 5, when=now - timedelta(days=1))
    complete_response(other_member, "ucla3", 7)
    client = api_client(member)

    body = send(client, "get", "/responses").json()

    assert body["count"] == 2
    assert [r["id"] for r in body["items"]] == [newer.pk, older.pk]
    assert [r["score"] for r in body["items"]] == [5, 9]
    filtered = send(client, "get", "/responses?measure=belonging").json()
    assert filtered["count"] == 0
    detail = send(client, "get", f"/responses/{older.pk}").json()
    assert detail["answers"] == older.answers
    assert detail["check_in"]["occasion"] == "baseline"


def test_listing_answers_takes_the_same_queries_however_many(member, django_assert_num_queries):
    client = api_client(member)
    complete_response(member, "ucla3", 7)
    send(client, "get", "/responses")  # the token's first use is recorded once
    with django_assert_num_queries(3):  # the token, the count, the page
        send(client, "get", "/responses")
    for score in (5, 6, 8, 9):
        complete_response(member, "ucla3", score)
    draft_response(member, "belonging", {"understood": 2})

    with django_assert_num_queries(3):
        body = send(client, "get", "/responses").json()

    assert body["count"] == 6


def test_someone_elses_answers_are_not_found_like_missing_ones(member, other_member):
    theirs = complete_response(other_member, "ucla3", 7)
    draft_response(other_member, "belonging", {"understood": 1})
    client = api_client(member)

    hidden = send(client, "get", f"/responses/{theirs.pk}")
    missing = send(client, "get", "/responses/999999")

    assert hidden.status_code == missing.status_code == 404
    assert hidden.json() == missing.json()
    assert send(client, "get", "/responses").json()["count"] == 0
    assert send(client, "get", "/progress").json()["items"] == []
    assert send(client, "get", "/check-in").status_code == 404
    # And writing to "a check-in" only ever touches their own.
    assert send(client, "put", "/check-in/responses/belonging", {"answers": {}}).status_code == 404
    assert Response.objects.get(measure__key="belonging").answers == {"understood": 1}


def test_a_coordinator_reading_responses_gets_only_their_own(coordinator, member):
    complete_response(member, "ucla3", 7)

    body = send(api_client(coordinator), "get", "/responses").json()

    assert body["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?measure=nope", "measure"),
        ("?measure=%00", "measure"),
        ("?limit=0", "limit"),
        ("?offset=-1", "offset"),
    ],
)
def test_a_bad_filter_is_named(member, query, field):
    response = send(api_client(member), "get", "/responses" + query)

    assert response.status_code == 422
    assert response.json()["errors"][field]


def test_a_member_deletes_all_their_answers(member, other_member):
    complete_response(member, "ucla3", 7)
    draft_response(member, "belonging", {"understood": 2})
    complete_response(other_member, "ucla3", 5)
    client = api_client(member)

    response = send(client, "delete", "/responses")

    assert response.status_code == 200
    assert response.json()["deleted"] == 2
    assert not Response.objects.filter(member=member).exists()
    assert Response.objects.filter(member=other_member).count() == 1


# ---- Progress ------------------------------------------------------------------------------


def test_progress_shows_each_score_and_the_change(member):
    now = timezone.now()
    complete_response(member, "ucla3", 9, when=now - timedelta(days=120))
    complete_response(member, "ucla3", 7, when=now - timedelta(days=30))
    complete_response(member, "ucla3", 5, when=now)
    draft_response(member, "belonging", {"understood": 2})

    body = send(api_client(member), "get", "/progress").json()

    assert len(body["items"]) == 1
    ucla = body["items"][0]
    assert ucla["measure"] == "ucla3"
    assert [p["score"] for p in ucla["points"]] == [9, 7, 5]
    assert ucla["first"]["score"] == 9 and ucla["latest"]["score"] == 5
    assert ucla["change"] == -4
    assert ucla["points"][0]["date"] == timezone.localdate(now - timedelta(days=120)).isoformat()
    assert ucla["higher_is_better"] is False
    assert ucla["summary"].startswith("Your loneliness score has gone down by 4 points since")


# ---- Reports -------------------------------------------------------------------------------


def _people_with_change(count: int, *, before=9, after=6):
    now = timezone.now()
    for _ in range(count):
        person = UserFactory()
        complete_response(person, "ucla3", before, when=now - timedelta(days=200))
        complete_response(person, "ucla3", after, when=now - timedelta(days=20))


def _period() -> str:
    today = timezone.localdate()
    return f"start={(today - timedelta(days=365)).isoformat()}&end={today.isoformat()}"


@pytest.mark.parametrize(
    "who", ["member", "peer_supporter", "moderator", "coordinator_without_2fa"]
)
def test_reports_are_for_coordinators_only(request, who):
    client = api_client(request.getfixturevalue(who))

    for path in [f"/report?measure=ucla3&{_period()}", "/activity?start=x", "/report?measure=x"]:
        response = send(client, "get", path)
        assert response.status_code == 403, (who, path)
        assert (
            "coordinators" in response.json()["detail"]
            or "two-factor" in (response.json()["detail"])
        )
    assert Client().get(f"{BASE}/report").status_code == 401


def test_coordinator_without_two_factor_is_told_to_set_it_up(coordinator_without_2fa):
    response = send(api_client(coordinator_without_2fa), "get", "/report?measure=ucla3")

    assert response.json()["detail"] == "Set up two-factor authentication before reading reports."


def test_four_people_are_too_few_to_report(coordinator):
    _people_with_change(4)

    response = send(api_client(coordinator), "get", f"/report?measure=ucla3&{_period()}")

    assert response.status_code == 200, response.content
    total = response.json()["total"]
    assert total["suppressed"] is True
    for figure in ("people", "baseline_mean", "latest_mean", "mean_change", "ci_low", "ci_high"):
        assert total[figure] is None


def test_the_report_shows_mean_change_for_five_people(coordinator):
    _people_with_change(5)

    body = send(api_client(coordinator), "get", f"/report?measure=ucla3&{_period()}").json()

    total = body["total"]
    assert total["suppressed"] is False
    assert total["people"] == 5
    assert total["baseline_mean"] == 9 and total["latest_mean"] == 6
    assert total["mean_change"] == -3
    assert body["measure"] == "ucla3" and body["breakdown"] == "all"
    # No row of any breakdown names or counts fewer than 5 people.
    for breakdown in ("form", "group", "topic", "period"):
        rows = send(
            api_client(coordinator),
            "get",
            f"/report?measure=ucla3&breakdown={breakdown}&{_period()}",
        ).json()["rows"]
        for row in rows:
            assert row["suppressed"] or row["people"] >= 5


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("measure=nope", "measure"),
        ("measure=", "measure"),
        ("measure=%00", "measure"),
        ("measure=ucla3&breakdown=colour", "breakdown"),
        ("measure=ucla3&start=2026-02-30", "start"),
        ("measure=ucla3&start=yesterday", "start"),
        ("measure=ucla3&end=99999-01-01", "end"),
        ("measure=ucla3&start=%00", "start"),
        ("measure=ucla3&start=2026-06-01&end=2026-01-01", "end"),
        ("measure=ucla3&start=2999-01-01", "start"),
    ],
)
def test_a_bad_report_request_is_named(coordinator, query, field):
    response = send(api_client(coordinator), "get", f"/report?{query}")

    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert errors[field][0]


def test_a_period_with_no_answers_says_so(coordinator):
    response = send(api_client(coordinator), "get", "/report?measure=belonging&" + _period())

    assert response.status_code == 200
    assert response.json()["empty_message"]
    assert response.json()["total"]["suppressed"] is True


def test_a_coordinator_reads_activity_figures(coordinator):
    response = send(api_client(coordinator), "get", "/activity?" + _period())

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["meetings_held"] == 0
    assert set(body["people_by_form"]) >= {"mentoring", "befriending"}
    assert body["people_in_total"] == 0
    bad = send(api_client(coordinator), "get", "/activity?start=31/12/2026")
    assert bad.status_code == 422
    assert bad.json()["errors"]["start"] == [
        "Enter a real start date, for example 2026-03-31 (year, month, day)."
    ]


def test_the_openapi_document_still_builds(member):
    response = Client().get("/api/v1/openapi.json")

    assert response.status_code == 200
    assert f"{BASE}/check-in/responses/{{measure_key}}" in response.json()["paths"]
    assert f"{BASE}/report" in response.json()["paths"]
    assert f"{BASE}/activity" in response.json()["paths"]
