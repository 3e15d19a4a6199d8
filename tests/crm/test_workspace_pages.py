"""The coach's pages and the entrepreneur's space, through the Django test client."""

import pytest

from interlab.core.models import SensitiveRead
from interlab.crm import services
from interlab.crm.models import Entrepreneur, Partner, StageTransition
from tests.factories import EntrepreneurFactory, make_project

pytestmark = pytest.mark.django_db


def test_a_coach_creates_an_entrepreneur_with_a_first_project(client, coach):
    client.force_login(coach)
    response = client.post(
        "/app/entrepreneurs/new/",
        {
            "first_name": "Yusuf",
            "last_name": "Haidari",
            "email": "yusuf@example.org",
            "languages": "fa:native, fr:B1",
            "needs": ["admin", "network"],
            "project_title": "Épicerie fine",
        },
    )
    assert response.status_code == 302
    person = Entrepreneur.objects.get(email="yusuf@example.org")
    assert {(sl.code, sl.level) for sl in person.spoken_languages.all()} == {("fa", "native"), ("fr", "B1")}
    assert person.projects.get().stage.key == "intake"
    assert person.projects.get().coach == coach


def test_a_bad_form_says_what_to_fix_and_creates_nobody(client, coach):
    client.force_login(coach)
    response = client.post("/app/entrepreneurs/new/", {"first_name": " ", "email": "nope", "languages": "klingon"})
    assert response.status_code == 200
    assert len(response.context["form"].errors) == 3
    assert not Entrepreneur.objects.exists()


def test_moving_from_the_dialog_needs_a_reason_for_an_exit_and_records_it(client, coach):
    project = make_project(coach=coach, path=["idea"])
    abandoned = project.stage.__class__.objects.get(key="abandoned")
    client.force_login(coach)
    refused = client.post(
        f"/app/projects/{project.pk}/move/", {"to_stage": abandoned.pk}, headers={"HX-Request": "true"}
    )
    assert refused.status_code == 422
    assert "reason" in refused.content.decode().lower() or "raison" in refused.content.decode().lower()
    done = client.post(
        f"/app/projects/{project.pk}/move/",
        {"to_stage": abandoned.pk, "reason": "Emploi trouvé", "next": "/app/board/"},
        headers={"HX-Request": "true"},
    )
    assert done.status_code == 204 and done["HX-Redirect"] == "/app/board/"
    assert StageTransition.objects.filter(project=project, to_stage=abandoned, reason="Emploi trouvé").exists()


def test_next_never_leaves_the_site(client, coach):
    project = make_project(coach=coach)
    idea = project.stage.__class__.objects.get(key="idea")
    client.force_login(coach)
    response = client.post(f"/app/projects/{project.pk}/move/", {"to_stage": idea.pk, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/app/board/"


def test_the_move_form_offers_only_allowed_stages(client, coach):
    project = make_project(coach=coach)
    client.force_login(coach)
    form = client.get(f"/app/projects/{project.pk}/move/").context["form"]
    keys = {s.key for s in form.fields["to_stage"].queryset}
    assert keys == {"idea", "project", "financing", "paused", "redirected", "abandoned"}


def test_the_file_shows_one_timeline_of_events_notes_tasks_referrals(client, coach):
    project = make_project(coach=coach, path=["idea"])
    person = project.entrepreneur
    services.interaction_create(entrepreneur=person, by=coach, kind="call", note="Appel de suivi", is_private=True)
    services.task_create(entrepreneur=person, by=coach, title="Envoyer le CV", for_entrepreneur=True)
    micro_start = Partner.objects.get(name="microStart")  # seeded with the pipeline
    services.referral_create(entrepreneur=person, partner=micro_start, by=coach, purpose="Microcrédit")
    client.force_login(coach)
    html = client.get(f"/app/entrepreneurs/{person.pk}/").content.decode()
    for text in ("Appel de suivi", "Envoyer le CV", "microStart", "Microcrédit", 'id="timeline"'):
        assert text in html, text


def test_the_entrepreneur_sees_their_path_without_private_notes(client, person, project, coach):
    services.interaction_create(entrepreneur=person, by=coach, note="Note privée du coach", is_private=True)
    services.interaction_create(entrepreneur=person, by=coach, note="Compte rendu partagé", is_private=False)
    services.task_create(entrepreneur=person, by=coach, title="Tâche interne", assignee=coach)
    services.task_create(entrepreneur=person, by=coach, title="Préparer le plan financier", for_entrepreneur=True)
    services.document_request_create(entrepreneur=person, by=coach, title="Titre de séjour")
    client.force_login(person.user)
    html = client.get("/app/my/").content.decode()
    assert "Compte rendu partagé" in html and "Préparer le plan financier" in html and "Titre de séjour" in html
    assert "Note privée du coach" not in html and "Tâche interne" not in html
    assert project.stage.display_name() in html


def test_the_entrepreneur_ticks_their_own_task(client, person, coach):
    task = services.task_create(entrepreneur=person, by=coach, title="Envoyer le CV", for_entrepreneur=True)
    client.force_login(person.user)
    assert client.post(f"/app/tasks/{task.pk}/toggle/").status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None


def test_opening_the_sensitive_page_is_logged(client, coach, person):
    client.force_login(coach)
    client.post(
        f"/app/entrepreneurs/{person.pk}/sensitive/",
        {"residence_situation": "subsidiary", "country_of_origin": "Érythrée"},
    )
    SensitiveRead.objects.all().delete()
    html = client.get(f"/app/entrepreneurs/{person.pk}/sensitive/").content.decode()
    assert "Érythrée" in html
    assert SensitiveRead.objects.filter(user=coach, entrepreneur=person).count() == 1
    assert "Érythrée" not in client.get(f"/app/entrepreneurs/{person.pk}/").content.decode()


def test_search_page_ignores_accents(client, coach):
    EntrepreneurFactory(first_name="Emre", last_name="Tokgözlü")
    client.force_login(coach)
    assert "Tokgözlü" in client.get("/app/entrepreneurs/", {"q": "tokgozlu"}).content.decode()


def test_export_neutralises_spreadsheet_formulas(client, coach):
    EntrepreneurFactory(first_name='=HYPERLINK("http://x")', last_name="+cmd")
    client.force_login(coach)
    csv_body = client.get("/app/export.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_body and "'+cmd" in csv_body
    xlsx = client.get("/app/export.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get("/app/export.pdf").status_code == 404


def test_the_people_list_pages_through_everyone(client, coach):
    for i in range(105):
        EntrepreneurFactory(first_name=f"P{i:03d}", last_name="Test")
    client.force_login(coach)
    first = client.get("/app/entrepreneurs/")
    assert first.context["people"].paginator.count == 105 and len(first.context["people"]) == 100
    second = client.get("/app/entrepreneurs/", {"page": 2})
    assert len(second.context["people"]) == 5
    assert client.get("/app/entrepreneurs/", {"page": "junk"}).status_code == 200


def test_date_fields_carry_iso_dates_that_browsers_read(settings):
    """A type=date input only shows a value written YYYY-MM-DD, whatever the interface language."""
    from datetime import date

    from django.utils import translation

    from interlab.crm.forms import ReferralForm

    with translation.override("fr"):
        html = str(ReferralForm(initial={"referred_on": date(2026, 11, 24)})["referred_on"])
    assert 'value="2026-11-24"' in html


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "28 octobre 2026, 15:07"), ("ar", "28 أكتوبر 2026، 15:07"), ("uk", "28 жовтня 2026\u202fр., 15:07")],
)
def test_the_timeline_writes_its_moments_as_the_readers_language_does(client, person, coach, language, expected):
    from datetime import datetime

    from django.utils import timezone

    interaction = services.interaction_create(entrepreneur=person, by=coach, note="Compte rendu", is_private=False)
    at = timezone.make_aware(datetime(2026, 10, 28, 15, 7))
    type(interaction).objects.filter(pk=interaction.pk).update(occurred_at=at)
    client.force_login(person.user)
    html = client.get("/app/my/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<time datetime="2026-10-28T15:07:00+0100">{expected}</time>' in html
