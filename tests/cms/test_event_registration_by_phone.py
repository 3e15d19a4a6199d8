"""Event registration by e-mail or phone, in every language, with an interpreter asked for in words."""

import re

import pytest
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from cms import personal_data, services
from cms.models import EventRegistration
from interlab.core import sms
from interlab.core.interfaces import Person
from tests.cms import factories
from tests.factories import EntrepreneurFactory

pytestmark = pytest.mark.django_db

CONTACT_RULE = "Give an e-mail address or a phone number, so that a coach can contact you."
TITLES = {"ar": "جلسة إعلامية", "uk": "Інформаційна зустріч"}


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def register(client, url, **overrides):
    data = {"first_name": "Amina", "last_name": "", "email": "", "phone": "0470 12 34 56", "website": ""}
    data.update(overrides)
    return client.post(url, data)


def notice(html: str) -> str:
    match = re.search(r"<div class=\"notice\" role=\"status\" data-registered>(.*?)</div>", html, re.S)
    assert match, "no confirmation on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


@pytest.mark.parametrize("code", ["ar", "uk"])
def test_a_phone_only_registration_succeeds_and_is_confirmed_in_the_visitors_language(
    client, code, django_capture_on_commit_callbacks
):
    event = factories.event(capacity=10)
    page = factories.translate(event, code, title=TITLES[code])

    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, page.url, interpreter="on", interpreter_language="uk")
    assert response.status_code == 302
    confirmation = client.get(response["Location"])

    registration = EventRegistration.objects.get()
    assert (registration.email, registration.phone_e164, registration.language) == ("", "+32470123456", code)
    html = confirmation.content.decode()
    assert f'<html lang="{code}"' in html
    with translation.override(code):
        expected = gettext("You are registered. A confirmation text message is on its way. See you there!")
        ukrainian = {"ar": "الأوكرانية", "uk": "українська"}[code]  # CLDR's name, in the page's language
        expected += " " + gettext("We received your request for an interpreter (%(language)s).") % {
            "language": ukrainian
        }
    assert notice(html) == expected
    assert not mail.outbox


def test_a_phone_only_registration_is_confirmed_by_sms_in_the_visitors_language(
    client, django_capture_on_commit_callbacks
):
    event = factories.event()
    arabic = factories.translate(event, "ar", title=TITLES["ar"])
    with django_capture_on_commit_callbacks(execute=True):
        register(client, arabic.url, interpreter_language="ar")
    [message] = sms.outbox
    assert message.to == "+32470123456"
    assert TITLES["ar"] in message.body and "العربية" in message.body  # the interpreter's language, in Arabic


def test_without_an_sms_provider_the_page_does_not_promise_a_text_message(client, settings):
    settings.SMS_BACKEND = ""
    event = factories.event()
    response = register(client, event.url)
    html = client.get(response["Location"]).content.decode()
    with translation.override("fr"):
        assert notice(html) == " ".join(
            gettext("You are registered. See you there!").split()
        )  # the notice is read with its spaces folded
    assert not sms.outbox


def test_with_an_email_the_confirmation_goes_by_email_and_mentions_the_interpreter(
    client, django_capture_on_commit_callbacks
):
    event = factories.event()
    english = factories.translate(event, "en", title="Information session")
    with django_capture_on_commit_callbacks(execute=True):
        register(client, english.url, email="amina@example.org", interpreter="on", interpreter_language="ti")
    assert mail.outbox[0].to == ["amina@example.org"]
    assert "We received your request for an interpreter (Tigrinya)." in mail.outbox[0].body
    assert not sms.outbox


def test_without_email_or_phone_the_rule_marks_both_fields_and_nothing_is_saved(client):
    event = factories.event()
    english = factories.translate(event, "en", title="Information session")
    response = register(client, english.url, phone="")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["email"] == [CONTACT_RULE] and errors["phone"] == [CONTACT_RULE]
    assert not EventRegistration.objects.exists()


def test_the_interpreter_languages_are_offered_by_name_in_the_readers_language(client):
    event = factories.event()
    ukrainian = factories.translate(event, "uk", title=TITLES["uk"])
    html = client.get(ukrainian.url).content.decode()
    select = re.search(r'<select name="interpreter_language".*?</select>', html, re.S).group(0)
    labels = re.findall(r"<option value=\"[^\"]*\"[^>]*>([^<]*)</option>", select)
    assert labels[:4] == ["—", "арабська", "українська", "іспанська"]
    assert not any(re.fullmatch(r"[a-z]{2}", label) for label in labels)


def test_asking_for_an_interpreter_without_a_language_is_refused_on_the_language(client):
    event = factories.event()
    response = register(client, event.url, interpreter="on")
    assert "interpreter_language" in response.context["form"].errors
    assert not EventRegistration.objects.exists()


def test_another_language_must_be_written(client):
    event = factories.event()
    response = register(client, event.url, interpreter="on", interpreter_language="other")
    assert "interpreter_other" in response.context["form"].errors
    assert not EventRegistration.objects.exists()


def test_another_language_written_by_its_name_is_stored_by_its_code_and_an_unknown_one_as_written(client):
    event = factories.event()
    register(client, event.url, phone="0470 11 11 11", interpreter_language="other", interpreter_other="wolof")
    register(client, event.url, phone="0470 22 22 22", interpreter_language="other", interpreter_other="Darija")
    stored = set(EventRegistration.objects.values_list("interpreter_language", "interpreter_other"))
    assert stored == {("wo", ""), ("", "Darija")}


def test_the_attendance_sheet_shows_each_interpreter_language_in_words_and_a_summary(client, coach):
    event = factories.event()
    for phone, language, other in [
        ("0470 11 11 11", "ar", ""),
        ("0470 22 22 22", "uk", ""),
        ("0470 33 33 33", "ar", ""),
        ("0470 44 44 44", "other", "Darija"),
        ("0470 55 55 55", "", ""),
    ]:
        register(client, event.url, phone=phone, interpreter_language=language, interpreter_other=other)
    client.force_login(coach)
    html = client.get(event.url + "attendance/").content.decode()  # the French sheet
    summary = re.search(r"<p data-interpreters>(.*?)</p>", html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", summary).split(":", 1)[1].strip() == "arabe 2, Darija 1, ukrainien 1"
    cells = re.findall(r"<td data-interpreter>([^<]*)</td>", html)
    assert sorted(cells) == ["", "Darija", "arabe", "arabe", "ukrainien"]
    assert "0470 44 44 44" in html  # a phone-only registration can be called


def test_registering_twice_with_one_phone_written_differently_keeps_one_registration(
    client, django_capture_on_commit_callbacks
):
    event = factories.event(capacity=5)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, event.url, phone="0470 12 34 56")
        again = register(client, event.url, first_name="Amina D.", phone="+32 470/12.34.56")
    assert again.status_code == 302
    # Answered as the first time: "already registered" would tell anyone whether a number is on the list.
    with translation.override("fr"):
        expected = gettext("You are registered. A confirmation text message is on its way. See you there!")
    assert notice(client.get(again["Location"]).content.decode()) == " ".join(expected.split())
    assert EventRegistration.objects.get().first_name == "Amina"
    assert event.places_left() == 4
    assert len(sms.outbox) == 1  # no second text message to that number


def test_one_phone_is_registered_once_across_the_events_languages(client):
    event = factories.event()
    english = factories.translate(event, "en", title="Information session")
    register(client, event.url, phone="0470 12 34 56")
    register(client, english.url, phone="0032470123456", email="amina@example.org")
    assert EventRegistration.objects.count() == 1


def test_two_people_registering_by_phone_only_are_both_kept(client):
    event = factories.event()
    register(client, event.url, phone="0470 12 34 56")
    register(client, event.url, first_name="Oksana", phone="0470 65 43 21")
    assert EventRegistration.objects.count() == 2


def test_the_export_and_the_erasure_include_the_interpreter_request(entrepreneur_user):
    person = EntrepreneurFactory(user=entrepreneur_user, first_name="Amina")
    event = factories.event()
    registration = services.event_register(
        event=event,
        first_name="Amina",
        last_name="Diallo",
        email="",
        phone="0470 12 34 56",
        language="ar",
        interpreter_language="",
        interpreter_other="Darija",
        by=entrepreneur_user,
    )
    assert registration.entrepreneur == person

    [exported] = personal_data.export(entrepreneur_user)["event_registrations"]
    assert (exported["phone"], exported["interpreter_language"], exported["interpreter_other"]) == (
        "0470 12 34 56",
        "",
        "Darija",
    )

    personal_data.erase(Person(entrepreneur_id=person.pk, entrepreneur=person, user=entrepreneur_user))
    registration.refresh_from_db()
    assert (registration.phone, registration.phone_e164) == ("", "")
    assert (registration.interpreter_language, registration.interpreter_other) == ("", "")


def test_the_inventory_names_the_new_fields_in_words():
    declared = {f.key for item in personal_data.PERSONAL_DATA for f in item}
    for name in ("phone_e164", "interpreter_language", "interpreter_other"):
        assert f"cms.EventRegistration.{name}" in declared
        verbose = str(EventRegistration._meta.get_field(name).verbose_name)
        assert "_" not in verbose and name.replace("_", " ") != verbose


def test_a_confirmation_query_naming_no_language_says_nothing_about_an_interpreter(client):
    event = factories.event()
    html = client.get(event.url + "?registered=1&confirm=fax&interpreter=%3Cscript%3E").content.decode()
    with translation.override("fr"):
        assert notice(html) == " ".join(
            gettext("You are registered. See you there!").split()
        )  # the notice is read with its spaces folded


def test_a_registration_kept_from_before_with_a_number_already_used_still_records_attendance(coach):
    event = factories.event()
    first = EventRegistration.objects.create(event=event, first_name="Amina", phone="0470 12 34 56")
    # As the migration leaves it: the second registration with that number has no E.164 copy.
    second = EventRegistration.objects.create(event=event, first_name="Awa", email="awa@example.org")
    EventRegistration.objects.filter(pk=second.pk).update(phone="+32 470 12 34 56")
    second.refresh_from_db()

    services.registration_set_attended(registration=second, by=coach, attended=True)

    second.refresh_from_db()
    assert second.attended_at is not None and second.phone_e164 == ""
    assert first.phone_e164 == "+32470123456"
