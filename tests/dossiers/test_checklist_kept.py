"""The checklist's lines are kept rendered by their content: a change shows at once, each form keeps its token."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client

pytestmark = pytest.mark.django_db


def page(client, dossier):
    return BeautifulSoup(client.get(dossier.get_absolute_url()).content, "html.parser")


def test_an_item_saved_from_the_kept_checklist_passes_the_security_check_and_shows_at_once(dossier, entrepreneur_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(entrepreneur_user)
    page(client, dossier)  # rendered and kept
    kept = page(client, dossier)
    line = kept.select_one('li[data-item="identity"]')
    assert line["data-state"] == "missing"
    form = line.select_one("form.item-form")
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert len(token) == 64  # this request's token, put into the kept lines

    response = client.post(
        form["action"],
        {"csrfmiddlewaretoken": token, "item-identity-state": "provided", "item-identity-note": "copie recto verso"},
    )

    assert response.status_code == 302
    after = page(client, dossier).select_one('li[data-item="identity"]')
    assert after["data-state"] == "provided"
    assert after.select_one("input[name=item-identity-note]")["value"] == "copie recto verso"


def test_the_kept_lines_follow_the_readers_language_and_role(client, dossier, entrepreneur_user, coach):
    client.force_login(entrepreneur_user)
    french = page(client, dossier).select_one('li[data-item="identity"] summary').get_text(strip=True)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    english = page(client, dossier).select_one('li[data-item="identity"] summary').get_text(strip=True)
    assert (french, english) == ("Mettre à jour", "Update")
    owner_states = [o["value"] for o in page(client, dossier).select('li[data-item="identity"] select option')]
    client.force_login(coach)
    coach_states = [o["value"] for o in page(client, dossier).select('li[data-item="identity"] select option')]
    assert "verified" not in owner_states and "verified" in coach_states
