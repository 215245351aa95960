"""The public contact form: validation in plain words, nothing lost, the honeypot, the rate
limit, a signed-in member's details, and finder answers sent along."""

import time

import pytest
from django.core import mail
from django.urls import reverse

from alongside.finder.answers import SESSION_KEY, FinderAnswers
from alongside.staff.models import Enquiry
from alongside.staff.views_contact import SENT_KEY, SENT_PAGE_SECONDS

URL = reverse("contact:new")
SENT_URL = reverse("contact:sent")


def valid(**changes) -> dict:
    data = {
        "topic": "support_needs",
        "message": "I'd like to talk about finding a group.",
        "name": "Jo",
        "contact_methods": ["email"],
        "email": "jo@example.com",
        "phone": "",
        "ok_to_leave_message": "",
        "best_times": "",
    }
    return {**data, **changes}


def errors_of(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


@pytest.mark.django_db
def test_anyone_can_send_a_message_and_sees_their_reference(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid())
    assert response.status_code == 302
    assert response.url == SENT_URL
    enquiry = Enquiry.objects.get()
    assert enquiry.user is None
    assert enquiry.reference.startswith("ALG-") and len(enquiry.reference) == 10
    page = client.get(SENT_URL)
    assert enquiry.reference in page.content.decode()
    assert "What happens next" in page.content.decode()
    [email] = mail.outbox
    assert email.to == ["jo@example.com"]
    assert enquiry.reference in email.subject
    assert "finding a group" not in email.body  # never their message
    assert "Discussing my support needs" in email.body


@pytest.mark.django_db
def test_the_thanks_page_is_only_for_the_sender(client):
    assert client.get(SENT_URL).url == URL


@pytest.mark.django_db
def test_the_thanks_page_is_gone_an_hour_later_at_a_shared_computer(client):
    message = "I've decided to end my life tonight and I have the tablets saved up."
    client.post(URL, valid(message=message))
    assert client.get(SENT_URL).status_code == 200
    session = client.session
    session[SENT_KEY] = {**session[SENT_KEY], "sent_at": time.time() - SENT_PAGE_SECONDS - 1}
    session.save()
    assert client.get(SENT_URL).url == URL
    assert SENT_KEY not in client.session


@pytest.mark.django_db
def test_the_acknowledgement_carries_nothing_they_typed(client, django_capture_on_commit_callbacks):
    # Anyone can give anyone's address: no words of theirs go out under our name.
    typed = valid(name="Win a prize at spam.example", best_times="Call spam.example now")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, typed)
    [email] = mail.outbox
    html = email.alternatives[0][0]
    for text in (email.subject, email.body, html):
        assert "spam.example" not in text
        assert "finding a group" not in text
    assert Enquiry.objects.get().reference in email.body


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"topic": ""}, "topic", "Choose what your message is about."),
        ({"topic": "nonsense"}, "topic", "Choose what your message is about."),
        ({"message": "   "}, "message", "Write your message."),
        ({"message": "x" * 5001}, "message", "Keep this to 5,000 characters or fewer"),
        ({"contact_methods": []}, "contact_methods", "Choose at least one way"),
        ({"contact_methods": ["pigeon"]}, "contact_methods", "Choose email, phone call"),
        ({"email": ""}, "email", "so that we can email you"),
        ({"email": "not an email"}, "email", "like name@example.com"),
        ({"contact_methods": ["text"], "ok_to_leave_message": "yes"}, "phone", "call or text"),
        (
            {"contact_methods": ["phone"], "phone": "call me maybe", "ok_to_leave_message": "no"},
            "phone",
            "only digits, spaces, + and brackets",
        ),
        (
            {"contact_methods": ["phone"], "phone": "12 34", "ok_to_leave_message": "no"},
            "phone",
            "between 7 and 15 digits",
        ),
        (
            {"contact_methods": ["phone"], "phone": "1" * 16, "ok_to_leave_message": "no"},
            "phone",
            "between 7 and 15 digits",
        ),
        (
            {"contact_methods": ["phone"], "phone": "029 2018 0000"},
            "ok_to_leave_message",
            "whether it's safe to leave a message",
        ),
        ({"best_times": "b" * 201}, "best_times", "200 characters or fewer"),
        ({"name": "n" * 81}, "name", "80 characters or fewer"),
        ({"name": "Jo\x00"}, "name", "Null characters"),
    ],
)
def test_each_field_says_what_is_wrong_and_nothing_is_lost(client, changes, field, words):
    data = valid(**changes)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert any(words in message for message in errors_of(response)[field])
    assert Enquiry.objects.count() == 0
    html = response.content.decode()
    assert "There is a problem" in html
    assert f'href="#id_{field}' in html  # the summary links to the field
    if data["message"].strip() and len(data["message"]) < 100:
        assert data["message"].replace("'", "&#x27;") in html


@pytest.mark.django_db
def test_junk_input_never_fails(client):
    junk = {
        "topic": ["concern", "other"],
        "message": "\x00" * 10,
        "contact_methods": "email",
        "email": "a@" + "b" * 300 + ".com",
        "phone": "+44 (0)29 2018 0000" * 5,
        "ok_to_leave_message": "maybe",
        "source": "x" * 100,
    }
    response = client.post(URL, junk)
    assert response.status_code == 400
    assert Enquiry.objects.count() == 0


@pytest.mark.django_db
def test_a_phone_number_with_brackets_and_plus_is_kept(client):
    data = valid(
        contact_methods=["phone", "text"], phone="+44 (0)29  2018 0000", ok_to_leave_message="no"
    )
    assert client.post(URL, data).status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.phone == "+44 (0)29 2018 0000"
    assert enquiry.ok_to_leave_message is False
    assert enquiry.contact_methods == ["phone", "text"]


@pytest.mark.django_db
def test_leaving_a_message_is_not_recorded_without_phone_or_text(client):
    client.post(URL, valid(ok_to_leave_message="yes"))
    assert Enquiry.objects.get().ok_to_leave_message is None


@pytest.mark.django_db
def test_a_filled_in_honeypot_thanks_the_bot_and_stores_nothing(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, valid(website="http://spam.example"))
    assert response.url == SENT_URL
    assert client.get(SENT_URL).status_code == 200
    assert Enquiry.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_contact_fields_say_what_they_are_for_so_browsers_can_fill_them(client):
    html = client.get(URL).content.decode()
    assert 'name="email" autocomplete="email"' in html
    assert 'type="tel" name="phone" autocomplete="tel"' in html
    assert 'name="name" autocomplete="nickname"' in html


@pytest.mark.django_db
def test_the_honeypot_is_hidden_from_people_and_keyboards(client):
    html = client.get(URL).content.decode()
    assert '<div class="visually-hidden" aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html and 'autocomplete="off"' in html


@pytest.mark.django_db
def test_too_many_messages_wait_and_nothing_is_lost(client):
    for number in range(5):
        response = client.post(URL, valid(email=f"jo{number}@example.com"))
        assert response.status_code == 302
    response = client.post(URL, valid(message="One more thing to say."))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait" in html and "minutes" in html
    assert "One more thing to say." in html
    assert Enquiry.objects.count() == 5


@pytest.mark.django_db
def test_the_same_email_from_different_addresses_is_limited_too(client):
    for number in range(5):
        client.post(URL, valid(), REMOTE_ADDR=f"10.0.0.{number + 1}")
    response = client.post(URL, valid(), REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 429
    assert Enquiry.objects.count() == 5


@pytest.mark.django_db
def test_a_signed_in_member_is_limited_whatever_their_address(client_for, member):
    client = client_for(member)
    data = valid(
        contact_methods=["phone"], email="", phone="07700 900123", ok_to_leave_message="yes"
    )
    for number in range(5):
        client.post(URL, data, REMOTE_ADDR=f"10.0.0.{number + 1}")
    assert client.post(URL, data, REMOTE_ADDR="10.0.0.99").status_code == 429
    assert Enquiry.objects.count() == 5


@pytest.mark.django_db
def test_a_signed_in_member_is_prefilled_and_linked(
    client_for, member, django_capture_on_commit_callbacks
):
    client = client_for(member)
    form = client.get(URL).context["form"]
    assert form["name"].value() == "Robin"
    assert form["email"].value() == member.email
    data = valid(
        contact_methods=["phone"], email="", phone="07700 900123", ok_to_leave_message="yes"
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(URL, data).status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.user == member
    # They cleared the address: nothing is emailed, not even to their account's address.
    assert mail.outbox == []


def _finder_session(client, **answers):
    session = client.session
    session[SESSION_KEY] = FinderAnswers(**answers).to_dict()
    session.save()


@pytest.mark.django_db
def test_finder_answers_are_shown_and_sent_when_ticked(client):
    _finder_session(client, formats=("group",), place_name="Cardiff, Wales, United Kingdom")
    response = client.get(URL + "?from=finder")
    html = response.content.decode()
    assert "Your answers from finding support" in html
    assert "Cardiff, Wales, United Kingdom" in html
    form = response.context["form"]
    assert form["topic"].value() == "support_needs"
    assert form["send_finder_answers"].value() is True
    assert 'name="source" value="finder"' in html
    client.post(URL, valid(source="finder", send_finder_answers="on"))
    stored = Enquiry.objects.get().finder_answers
    assert stored["formats"] == ["group"]
    assert stored["place_name"] == "Cardiff, Wales, United Kingdom"


@pytest.mark.django_db
def test_finder_answers_stay_behind_when_unticked(client):
    _finder_session(client, formats=("group",))
    client.post(URL, valid(source="finder"))
    assert Enquiry.objects.get().finder_answers == {}


@pytest.mark.django_db
def test_an_unticked_box_stays_unticked_when_the_form_comes_back(client):
    _finder_session(client, formats=("group",))
    response = client.post(URL, valid(source="finder", message=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'name="source" value="finder"' in html
    assert response.context["form"]["send_finder_answers"].value() is False


@pytest.mark.django_db
def test_without_from_finder_the_answers_are_not_offered(client):
    _finder_session(client, formats=("group",))
    response = client.get(URL)
    assert "Your answers from finding support" not in response.content.decode()
    client.post(URL, valid(send_finder_answers="on"))
    assert Enquiry.objects.get().finder_answers == {}


@pytest.mark.django_db
def test_a_worried_message_shows_gentle_support_on_the_thanks_page(client):
    message = "I have felt really low and hopeless for weeks and I can't cope anymore."
    client.post(URL, valid(message=message))
    assert Enquiry.objects.get().risk_level == "concern"
    html = client.get(SENT_URL).content.decode()
    assert "Support is here if you want it" in html


@pytest.mark.django_db
def test_an_urgent_message_shows_where_to_get_help_now(client):
    message = "I've decided to end my life tonight and I have the tablets saved up."
    client.post(URL, valid(message=message))
    assert Enquiry.objects.get().risk_level == "urgent"
    html = client.get(SENT_URL).content.decode()
    assert (
        "You don&#x27;t have to face this alone" in html
        or "You don't have to face this alone" in html
    )
    assert "Talk to someone now" in html


@pytest.mark.django_db
def test_someone_without_email_gets_their_reference_on_the_page(client, mailoutbox):
    data = valid(
        contact_methods=["phone"], email="", phone="07700 900123", ok_to_leave_message="no"
    )
    response = client.post(URL, data, follow=True)
    enquiry = Enquiry.objects.get()
    assert enquiry.email == "" and enquiry.ok_to_leave_message is False
    assert enquiry.reference in response.content.decode()
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_members_profile_answers_go_along_when_they_changed_none(client_for, member):
    member.profile.languages = ["cy"]
    member.profile.save()
    client = client_for(member)
    response = client.get(URL + "?from=finder")
    assert "Welsh (Cymraeg)" in response.content.decode()
    client.post(URL, valid(source="finder", send_finder_answers="on"))
    assert Enquiry.objects.get().finder_answers["languages"] == ["cy"]
