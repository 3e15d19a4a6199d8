"""A form sent back with mistakes: a summary at the top names each one and links to its field, the page's title
starts with "Error:", each field is described by its own help and error (ids that exist), and a rule about two
fields (an e-mail or a phone) is attached to both and said once."""

import re

import pytest
from django.utils import translation

from tests.cms import factories
from tests.cms.test_intake import application, url

pytestmark = pytest.mark.django_db

DESCRIBED = re.compile(r'aria-describedby="([^"]+)"')
IDS = re.compile(r'\sid="([^"]+)"')


def dangling_descriptions(html: str) -> list[str]:
    ids = set(IDS.findall(html))
    return [ref for refs in DESCRIBED.findall(html) for ref in refs.split() if ref not in ids]


def summary_of(html: str) -> str:
    found = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert found, "no error summary"
    return found.group(0)


@pytest.fixture
def intake():
    page = factories.intake_page()
    factories.translate(page, "en", title="Apply")
    return page


def test_the_email_or_phone_rule_marks_both_fields_and_is_said_once(client, intake):
    response = client.post(url("en"), application(email="", phone=""))
    html = response.content.decode()
    summary = summary_of(html)
    assert summary.count("Give an e-mail address or a phone number") == 1
    assert '<a href="#id_email">E-mail, Phone: Give an e-mail address' in summary
    for name in ("email", "phone"):
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html).group(0)
        assert 'aria-invalid="true"' in tag
        assert f'aria-describedby="id_{name}_error"' in tag or f"id_{name}_error" in tag
        assert f'id="id_{name}_error"' in html
    assert dangling_descriptions(html) == []


def test_the_title_starts_with_error_and_the_summary_takes_the_focus(client, intake):
    response = client.post(url("en"), application(first_name="", phone="call me"))
    html = response.content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.startswith("Error: ")
    summary = summary_of(html)
    assert 'role="alert"' in summary and 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert "There are 2 mistakes to correct" in summary
    assert '<a href="#id_first_name">' in summary and '<a href="#id_phone">' in summary
    assert dangling_descriptions(html) == []


def test_a_form_without_mistakes_has_no_summary_and_a_plain_title(client, intake):
    html = client.get(url("en")).content.decode()
    assert "error-summary" not in html
    assert not re.search(r"<title>\s*Error", html)
    assert dangling_descriptions(html) == []  # help texts are where the fields say


def test_staff_forms_point_at_ids_that_exist(client, coach):
    client.force_login(coach)
    with translation.override("fr"):
        response = client.post("/app/entrepreneurs/new/", {"first_name": "", "last_name": "", "email": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert summary_of(html)
    assert re.search(r"<title>\s*Erreur\u00a0: ", html)
    assert dangling_descriptions(html) == []


def test_the_mentor_sign_up_says_its_mistakes_the_same_way(client):
    response = client.post("/app/mentoring/become-a-mentor/", {"email": "not an address"})
    html = response.content.decode()
    assert response.status_code == 422
    assert summary_of(html)
    assert dangling_descriptions(html) == []
