"""Crisis resources: the defaults a new organisation starts with, their order, the two or
three first options, and the plain-words checks on what a coordinator types."""

import pytest

from alongside.safety.crisis import choose_country, crisis_options, crisis_resources
from alongside.safety.forms_crisis import CrisisResourceForm
from alongside.safety.models import CrisisResource

pytestmark = pytest.mark.django_db


def names(resources):
    return [resource.name for resource in resources]


def valid_data(**overrides):
    data = {
        "country": "GB",
        "region": "",
        "name": "Night line",
        "description": "",
        "phone": "0300 000 0000",
        "text_number": "",
        "text_keyword": "",
        "web_url": "",
        "opening_hours": "Evenings",
        "audience": "",
        "order": "50",
        "is_active": "on",
    }
    return data | overrides


def test_the_uk_defaults_are_loaded_by_the_migration():
    uk = {resource.name: resource for resource in crisis_resources(country="GB")}

    assert uk["Emergency services"].phone == "999"
    assert uk["Emergency services"].is_emergency
    assert "A&E" in uk["Emergency services"].description
    assert uk["Samaritans"].phone == "116 123"
    assert uk["Samaritans"].opening_hours == "24 hours, every day"
    assert (uk["Shout"].text_keyword, uk["Shout"].text_number) == ("SHOUT", "85258")
    assert uk["NHS 111, option 2"].phone == "111"
    assert (uk["Childline"].phone, uk["Childline"].audience) == ("0800 1111", "Under 19s")


def test_the_us_defaults_are_loaded_by_the_migration():
    us = {resource.name: resource for resource in crisis_resources(country="us")}

    assert us["Emergency services"].phone == "911"
    assert us["Emergency services"].is_emergency
    lifeline = us["988 Suicide & Crisis Lifeline"]
    assert (lifeline.phone, lifeline.text_number) == ("988", "988")
    assert (us["Crisis Text Line"].text_keyword, us["Crisis Text Line"].text_number) == (
        "HOME",
        "741741",
    )


def test_emergency_comes_first_then_order():
    CrisisResource.objects.create(country="GB", name="Aardvark line", phone="1", order=1)

    listed = names(crisis_resources(country="GB"))

    assert listed[:3] == ["Emergency services", "Aardvark line", "Samaritans"]


def test_inactive_resources_and_other_regions_are_left_out():
    CrisisResource.objects.create(country="GB", name="Closed line", phone="1", is_active=False)
    CrisisResource.objects.create(country="GB", region="Wales", name="Welsh line", phone="2")

    assert "Closed line" not in names(crisis_resources(country="GB"))
    assert "Welsh line" not in names(crisis_resources(country="GB"))
    assert "Welsh line" in names(crisis_resources(country="GB", region="wales"))


def test_first_options_are_the_emergency_line_and_two_24_hour_services():
    options = crisis_options(country="GB")

    assert names(options.first_options) == ["Emergency services", "Samaritans", "Shout"]
    assert names(options.more) == ["NHS 111, option 2", "Childline"]
    assert len(options.all) == 5


def test_a_service_for_a_narrower_group_is_not_a_first_option():
    CrisisResource.objects.filter(name="Samaritans").update(is_active=False)

    options = crisis_options(country="GB")

    assert names(options.first) == ["Shout", "NHS 111, option 2"]
    assert "Childline" in names(options.more)


def test_a_country_without_resources_has_no_options():
    options = crisis_options(country="FR")

    assert options.all == []


@pytest.mark.parametrize(
    ("requested", "chosen"), [("US", "US"), ("us", "US"), ("FR", "GB"), ("", "GB"), (None, "GB")]
)
def test_choose_country_falls_back_to_the_organisations_own(settings, requested, chosen):
    settings.ALONGSIDE_COUNTRY = "GB"

    assert choose_country(requested) == chosen


def test_a_resource_needs_a_way_to_reach_it():
    form = CrisisResourceForm(valid_data(phone=""))

    assert not form.is_valid()
    assert "at least one way to reach this service" in form.errors["phone"][0]


def test_a_text_number_alone_is_enough():
    form = CrisisResourceForm(valid_data(phone="", text_number="12345", text_keyword="talk"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["text_keyword"] == "TALK"


def test_a_keyword_needs_a_number_to_text():
    form = CrisisResourceForm(valid_data(text_keyword="HELLO"))

    assert not form.is_valid()
    assert form.errors["text_number"] == [
        "Add the number to text the word to, or leave the word blank."
    ]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.org/", "not a url"])
def test_only_web_addresses_are_accepted(url):
    form = CrisisResourceForm(valid_data(web_url=url))

    assert not form.is_valid()
    assert "web address" in form.errors["web_url"][0]


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("country", "ZZ"), ("order", "soon"), ("name", "x" * 500)],
)
def test_bad_input_gives_a_message_next_to_the_field(field, value):
    form = CrisisResourceForm(valid_data(**{field: value}))

    assert not form.is_valid()
    assert form.errors[field]


def test_phone_and_text_links_work_on_phones():
    shout = CrisisResource.objects.get(name="Shout")
    samaritans = CrisisResource.objects.get(name="Samaritans")

    assert samaritans.phone_link == "116123"
    assert shout.text_link == "85258?body=SHOUT"


@pytest.mark.parametrize("country", ["GB", "US"])
def test_the_built_in_fallback_matches_the_stored_first_options(country):
    stored = crisis_options(country=country).first_options
    CrisisResource.objects.update(is_active=False)

    fallback = crisis_options(country=country).first_options

    fields = ["name", "phone", "text_number", "text_keyword", "is_emergency", "opening_hours"]
    for field in fields:
        assert [getattr(r, field) for r in fallback] == [getattr(r, field) for r in stored]
