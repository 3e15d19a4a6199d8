"""The public application form opens a file in the CRM, in the visitor's language, and refuses bad input cleanly."""

import pytest
from django.core import mail

from interlab.core import services as core_services
from interlab.core.models import Consent, ConsentText, Notification
from interlab.crm import selectors
from interlab.crm.models import Entrepreneur, IntakeRota, Interaction, Project
from tests.cms import factories
from tests.factories import EntrepreneurFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def intake():
    page = factories.intake_page()
    factories.translate(page, "en", title="Apply")
    return page


def url(language: str) -> str:
    return f"/{language}/candidater/"


def application(**overrides) -> dict:
    data = {
        "first_name": "Oksana",
        "last_name": "Kovalenko",
        "email": "oksana.k@example.org",
        "phone": "0470 12 34 56",
        "commune": "Liège",
        "languages": ["uk", "en"],
        "project_title": "Atelier de couture",
        "idea": "Retouches et vêtements sur mesure.",
        "needs": ["financing", "coworking"],
        "heard_from": "cpas",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_an_application_opens_a_file_with_a_project_in_the_intake_stage(client, intake, coach):
    response = client.post(url("en"), application())

    assert response.status_code == 302 and response["Location"].endswith("?sent=1")
    person = Entrepreneur.objects.get(email="oksana.k@example.org")
    assert (person.first_name, person.last_name, person.commune) == ("Oksana", "Kovalenko", "Liège")
    assert sorted(person.spoken_languages.values_list("code", flat=True)) == ["en", "uk"]
    assert person.needs == ["financing", "coworking"]
    project = Project.objects.get(entrepreneur=person)
    assert (project.title, project.stage.key, project.coach) == ("Atelier de couture", "intake", None)
    assert project.description == "Retouches et vêtements sur mesure."
    assert project.transitions.get().by is None
    intake_column = next(c for c in selectors.board(coach) if c.stage.key == "intake")
    assert project in intake_column.cards


def test_the_consent_recorded_is_the_versioned_text_shown_in_the_visitors_language(client, intake):
    ConsentText.objects.create(
        key="intake", version=2, language="en", body="Version two, in English.", purposes=["accompaniment"]
    )
    page = client.get(url("en"))
    assert "Version two, in English." in page.content.decode()

    client.post(url("en"), application())

    consent = Consent.objects.get(entrepreneur__email="oksana.k@example.org")
    assert (consent.text.language, consent.text.version, consent.purposes) == ("en", 2, ["accompaniment"])
    assert consent.recorded_by is None


def test_a_french_visitor_agrees_to_the_french_text(client, intake):
    client.post(url("fr"), application())
    consent = Consent.objects.get(entrepreneur__email="oksana.k@example.org")
    assert consent.text.language == "fr" and "autorités d'immigration" in consent.text.body


def test_the_confirmation_mail_is_written_in_the_visitors_language(
    client, intake, monkeypatch, django_capture_on_commit_callbacks
):
    languages = []
    from interlab.core import mail as core_mail

    real = core_mail.render_to_string

    def spy(template, context):
        from django.utils.translation import get_language

        languages.append(get_language())
        return real(template, context)

    monkeypatch.setattr(core_mail, "render_to_string", spy)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("en"), application())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["oksana.k@example.org"]
    assert mail.outbox[0].subject == "InterLab: we have received your application"
    assert "Atelier de couture" in mail.outbox[0].body
    assert set(languages) == {"en"}
    [(html, mimetype)] = mail.outbox[0].alternatives
    assert mimetype == "text/html" and '<html lang="en">' in html and "Atelier de couture" in html


def test_no_mail_is_sent_without_an_email_address(client, intake, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("fr"), application(email=""))
    assert response.status_code == 302
    assert Entrepreneur.objects.filter(phone="0470 12 34 56").exists()
    assert mail.outbox == []


def test_a_person_already_known_is_flagged_as_a_possible_duplicate_for_the_coach(client, intake):
    known = EntrepreneurFactory(first_name="Oksana", last_name="K.", email="Oksana.K@example.org")
    client.post(url("fr"), application())
    new = Entrepreneur.objects.exclude(pk=known.pk).get(email="oksana.k@example.org")
    assert new.possible_duplicate_of == known


def test_the_same_name_and_phone_are_enough_to_flag_a_duplicate(client, intake):
    known = EntrepreneurFactory(first_name="Oksana", last_name="Kovalenko", email="", phone="+32 470 12 34 56")
    client.post(url("fr"), application(email="other@example.org"))
    assert Entrepreneur.objects.get(email="other@example.org").possible_duplicate_of == known


def test_how_they_heard_of_interlab_reaches_the_coach_as_a_private_note(client, intake):
    client.post(url("ar"), application())
    note = Interaction.objects.get(entrepreneur__email="oksana.k@example.org")
    assert note.is_private and "CPAS" in note.note and "العربية" in note.note


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": None}, "consent"),
        ({"email": "oksana.at.example"}, "email"),
        ({"first_name": "O" * 101}, "first_name"),
        ({"project_title": "<script>alert(1)</script>"}, "project_title"),
        ({"idea": "Voir <a href='http://spam.example'>ici</a>"}, "idea"),
        ({"first_name": ""}, "first_name"),
        ({"phone": "call me"}, "phone"),
        ({"needs": ["teleportation"]}, "needs"),
        ({"languages": ["xx"]}, "languages"),
        ({"idea": "x" * 2001}, "idea"),
    ],
)
def test_bad_input_says_what_to_fix_and_creates_nothing(client, intake, overrides, field):
    response = client.post(url("fr"), application(**overrides))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert f'data-field="{field}"' in response.content.decode()
    assert not Entrepreneur.objects.exists() and not Consent.objects.exists()


def test_without_any_contact_the_form_asks_for_an_email_or_a_phone(client, intake):
    response = client.post(url("en"), application(email="", phone=""))
    assert response.status_code == 200
    assert "Give an e-mail address or a phone number" in response.content.decode()
    assert not Entrepreneur.objects.exists()


def test_errors_come_in_the_visitors_language(client, intake):
    response = client.post(url("fr"), application(email="pas-un-email"))
    assert "Saisissez une adresse de courriel valide." in response.context["form"].errors["email"]
    response = client.post(url("en"), application(email="not-an-email"))
    assert "Enter a valid email address." in response.context["form"].errors["email"]


def test_a_robot_filling_the_hidden_field_is_thanked_and_forgotten(client, intake):
    response = client.post(url("fr"), application(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"].endswith("?sent=1")
    assert not Entrepreneur.objects.exists()


def test_a_flood_from_one_address_is_slowed_down_with_a_clear_message(client, intake, settings):
    settings.CMS_RATE_LIMITS = {"intake": (3, 600)}
    for n in range(3):
        assert client.post(url("en"), application(email=f"p{n}@example.org")).status_code == 302
    response = client.post(url("en"), application(email="p4@example.org"))
    assert response.status_code == 429
    assert "Too many forms were sent from your connection" in response.content.decode()
    assert response.context["form"]["first_name"].value() == "Oksana"  # what they typed is kept
    assert Entrepreneur.objects.count() == 3


def test_another_address_is_not_slowed_down_by_the_flood(client, intake, settings):
    settings.CMS_RATE_LIMITS = {"intake": (1, 600)}
    client.post(url("en"), application(email="a@example.org"))
    assert client.post(url("en"), application(email="b@example.org")).status_code == 429
    other = client.post(url("en"), application(email="c@example.org"), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 302


def test_the_form_is_closed_when_no_consent_text_exists(client, intake):
    ConsentText.objects.all().delete()
    response = client.get(url("fr"))
    assert response.status_code == 200 and "data-form" not in response.content.decode()
    response = client.post(url("fr"), application())
    assert response.status_code == 200 and not Entrepreneur.objects.exists()


def test_the_thank_you_message_shows_after_sending(client, intake):
    response = client.get(url("en") + "?sent=1")
    assert "data-intake-sent" in response.content.decode()


def test_the_consent_box_comes_after_the_consent_text(client, intake):
    html = client.get(url("fr")).content.decode()
    form = html[html.index('data-form="intake"') :]
    assert form.index('class="consent-text"') < form.index('name="consent"') < form.index('type="submit"')


def test_a_nul_character_is_refused_without_a_server_error(client, intake):
    response = client.post(url("fr"), application(first_name="Ok\x00sana"))
    assert response.status_code in (200, 400)
    assert not Entrepreneur.objects.exists()


def test_an_application_goes_to_the_rota_coach_who_speaks_the_language_and_they_are_told(client, intake, coach):
    IntakeRota.objects.create(coach=coach, languages=["uk"])
    client.post(url("en"), application())
    project = Project.objects.get(entrepreneur__email="oksana.k@example.org")
    assert project.coach == coach
    assert Notification.objects.filter(user=coach, kind="crm.applicant_assigned").count() == 1


@pytest.fixture
def partner_text():
    # Version 2: a fresh install publishes version 1 in the six languages (crm migration 0015).
    return core_services.consent_text_ensure(
        key="partners", version=2, language="en", body="We share your name with partners.", purposes=["partners"]
    )


def test_the_form_offers_sharing_with_partners_with_its_text(client, intake, partner_text):
    page = client.get(url("en")).content.decode()
    assert "We share your name with partners." in page and 'name="share_with_partners"' in page


def test_ticking_the_partner_box_records_that_consent_on_the_text_shown(client, intake, partner_text):
    client.post(url("en"), application(share_with_partners="on", partner_consent_text=partner_text.pk))
    person = Entrepreneur.objects.get(email="oksana.k@example.org")
    assert person.consents.filter(text=partner_text, purposes=["partners"]).count() == 1


def test_without_the_partner_box_only_the_main_consent_is_recorded(client, intake, partner_text):
    client.post(url("en"), application(partner_consent_text=partner_text.pk))
    person = Entrepreneur.objects.get(email="oksana.k@example.org")
    assert not person.consents.filter(text=partner_text).exists()
