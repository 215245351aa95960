"""Adding a measure is adding a file: `manage.py load_measures FILE`, no code change."""

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from alongside.outcomes import actions, actions_measures
from alongside.outcomes.choices import CheckInStatus, ResponseStatus
from alongside.outcomes.models import Measure
from alongside.outcomes.selectors import ready_measures

pytestmark = pytest.mark.django_db


def hope_definition(**changes) -> dict:
    return {
        "key": "hope",
        "name": "Feeling hopeful (two questions)",
        "short_name": "Hope",
        "score_name": "hope score",
        "about": "Two questions about hope.",
        "instructions": "Choose the answer closest to how you feel.",
        "citation": "Written for these tests.",
        "licence": "Public domain.",
        "higher_is_better": True,
        "options": [
            {"value": 0, "label": "Not at all"},
            {"value": 1, "label": "A little"},
            {"value": 2, "label": "A lot"},
        ],
        "items": [
            {"key": "future", "text": "How hopeful do you feel about the future?"},
            {"key": "today", "text": "How hopeful do you feel today?"},
        ],
        "scoring": {"method": "mean", "decimals": 1},
        "score_range": [0, 2],
        **changes,
    }


def load(tmp_path, data, name="hope.json") -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data) if not isinstance(data, str) else data)
    out = StringIO()
    call_command("load_measures", str(path), stdout=out)
    return out.getvalue()


def test_every_database_has_the_shipped_measures_in_order():
    assert list(Measure.objects.values_list("key", "version")) == [
        ("swemwbs", 1),
        ("ucla3", 1),
        ("belonging", 1),
    ]
    # SWEMWBS waits for a coordinator to enter its licensed wording.
    assert [measure.key for measure in ready_measures()] == ["ucla3", "belonging"]


def test_a_measure_from_a_file_is_asked_and_scored_with_no_code_change(tmp_path, member):
    output = load(tmp_path, hope_definition())

    assert output.strip() == "Added Feeling hopeful (two questions) (version 1)."
    hope = Measure.objects.get(key="hope")
    assert hope.position > Measure.objects.get(key="belonging").position
    assert hope in ready_measures()

    actions.set_consent(member=member, consented=True)
    check_in = actions.start_own_check_in(member=member)
    response = actions.save_answers(
        check_in=check_in,
        member=member,
        measure=hope,
        answers={"future": "2", "today": 1},
        finish=True,
    )

    assert response.status == ResponseStatus.COMPLETE
    assert response.raw_score == 3
    assert response.score == Decimal("1.5")
    assert response.measure_version == 1
    # The check-in still waits for the other ready measures.
    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.OPEN
    for key, value in (("ucla3", 1), ("belonging", 4)):
        measure = Measure.objects.get(key=key)
        answers = {item.key: value for item in measure.parsed.items}
        actions.save_answers(
            check_in=check_in, member=member, measure=measure, answers=answers, finish=True
        )
    check_in.refresh_from_db()
    assert check_in.status == CheckInStatus.COMPLETED


def test_reloading_with_changed_scoring_gives_a_new_version(tmp_path):
    load(tmp_path, hope_definition())

    output = load(tmp_path, hope_definition(scoring={"method": "sum"}, score_range=[0, 4]))

    assert output.strip() == "Updated Feeling hopeful (two questions) (version 2)."
    hope = Measure.objects.get(key="hope")
    assert hope.version == 2
    assert hope.parsed.method == "sum"


def test_reloading_with_only_new_wording_keeps_the_version(tmp_path):
    load(tmp_path, hope_definition())
    data = hope_definition(name="Feeling hopeful", about="Two short questions about hope.")
    data["items"][1]["text"] = "How hopeful have you felt today?"

    load(tmp_path, data)

    hope = Measure.objects.get(key="hope")
    assert hope.version == 1
    assert hope.name == "Feeling hopeful"
    assert hope.items()[1][1] == "How hopeful have you felt today?"


def test_reloading_with_the_answers_listed_in_another_order_keeps_the_version(tmp_path):
    load(tmp_path, hope_definition())
    data = hope_definition()
    data["options"].reverse()

    load(tmp_path, data)

    hope = Measure.objects.get(key="hope")
    assert hope.version == 1
    assert hope.parsed.options[0].label == "A lot"


def test_reloading_with_an_answer_worth_a_different_amount_gives_a_new_version(tmp_path):
    load(tmp_path, hope_definition())
    data = hope_definition()
    data["items"][1]["reverse"] = True

    load(tmp_path, data)

    assert Measure.objects.get(key="hope").version == 2


def test_reloading_the_same_file_changes_nothing(tmp_path):
    load(tmp_path, hope_definition())
    before = Measure.objects.get(key="hope").updated_at

    load(tmp_path, hope_definition())

    hope = Measure.objects.get(key="hope")
    assert (hope.version, hope.updated_at) == (1, before)


def test_reloading_the_shipped_measures_keeps_entered_wording(coordinator):
    swemwbs = Measure.objects.get(key="swemwbs")
    wording = {item.key: f"Statement about {item.topic}" for item in swemwbs.parsed.items}
    actions_measures.set_item_wording(measure=swemwbs, actor=coordinator, wording=wording)

    call_command("load_measures", stdout=StringIO())

    swemwbs.refresh_from_db()
    assert swemwbs.item_wording == wording
    assert swemwbs.version == 1
    assert swemwbs.is_ready


def test_a_broken_file_is_refused_with_each_problem_and_nothing_is_stored(tmp_path):
    with pytest.raises(CommandError) as raised:
        load(tmp_path, hope_definition(key="my hope", score_range=[0, 9]))

    message = str(raised.value)
    assert "hope.json: can't load it." in message
    assert "  - “key” must be letters, numbers, - or _" in message
    assert Measure.objects.count() == 3


@pytest.mark.parametrize("text", ["{not json", "", "\x00\x01", "[1, 2]"])
def test_a_file_that_is_not_a_definition_is_refused(tmp_path, text):
    with pytest.raises(CommandError) as raised:
        load(tmp_path, text, name="odd.json")

    assert "odd.json: can't load it." in str(raised.value)
    assert Measure.objects.count() == 3


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("load_measures", str(tmp_path / "nowhere.json"), stdout=StringIO())
    assert "nowhere.json" in str(raised.value)


def test_a_failing_file_leaves_ones_loaded_before_it(tmp_path):
    good = tmp_path / "hope.json"
    good.write_text(json.dumps(hope_definition()))
    bad = tmp_path / "bad.json"
    bad.write_text("{}")

    with pytest.raises(CommandError):
        call_command("load_measures", str(good), str(bad), stdout=StringIO())

    assert Measure.objects.filter(key="hope").exists()
