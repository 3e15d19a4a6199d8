"""One small world with an object of every kind, seen by one user per role: shared by the role × endpoint matrix
(tests/*/test_role_matrix.py) and the schemathesis run (tests/api/test_schemathesis.py).

The owner is an entrepreneur with a project, a dossier, a booking and an active mentoring pair (with a meeting
proposed by the mentor and one fixed); the other
entrepreneur has nothing of theirs in the world, so every object is outside their scope (404).
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from interlab.core.models import Role
from interlab.crm import imports
from interlab.crm import services as crm
from tests.factories import (
    EntrepreneurFactory,
    PartnerFactory,
    ProgrammeFactory,
    UserFactory,
    make_project,
    pdf_bytes,
)

ROLES = ["anonymous", "admin", "coach", "owner", "other_entrepreneur", "mentor", "funder", "partner"]
BRUSSELS = ZoneInfo("Europe/Brussels")
PDF = pdf_bytes(1)


@dataclass
class World:
    users: dict
    ids: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)

    def url(self, template: str) -> str:
        """The template with each {name} of the world's ids filled in (JSON braces left alone)."""
        return re.sub(r"\{(\w+)\}", lambda m: str(self.ids[m[1]]) if m[1] in self.ids else m[0], template)


def _next_tuesday_at(hour: int) -> datetime:
    today = datetime.now(BRUSSELS).date()
    ahead = (1 - today.weekday()) % 7 or 7
    return datetime.combine(today + timedelta(days=ahead), time(hour, 0), tzinfo=BRUSSELS)


def build_world(tmp_path, monkeypatch) -> World:
    from interlab.core.storage import PrivateStorage
    from interlab.dossiers import services as dossiers
    from interlab.dossiers.models import BuildState, DossierBuild
    from interlab.impact import services as impact
    from interlab.mentoring import services as mentoring
    from interlab.mentoring.models import Match
    from interlab.tierslieu import services as tierslieu
    from interlab.tierslieu.models import OpeningHours, Space

    storage = PrivateStorage(location=tmp_path / "private")
    monkeypatch.setattr(DossierBuild._meta.get_field("file"), "storage", storage)

    coach = UserFactory(role=Role.COACH)
    owner = UserFactory(role=Role.ENTREPRENEUR)
    funder = UserFactory(role=Role.FUNDER)
    users = {
        "admin": UserFactory(role=Role.ADMIN),
        "coach": coach,
        "owner": owner,
        "other_entrepreneur": UserFactory(role=Role.ENTREPRENEUR),
        "mentor": UserFactory(role=Role.MENTOR),
        "funder": funder,
        "partner": UserFactory(role=Role.PARTNER),
    }
    world = World(users=users)
    ids = world.ids

    # Pipeline: the owner's file, a project in a programme the funder funds, a document, a task, a referral.
    programme = ProgrammeFactory(name="Programme du monde")
    programme.funders.add(funder)
    person = EntrepreneurFactory(user=owner, needs=["financing"], arrival_year=2019)
    person.spoken_languages.create(code="fr", level="C1")
    project = make_project(entrepreneur=person, coach=coach, title="Traiteur", path=["idea"], programme=programme)
    document = crm.document_upload(
        entrepreneur=person, by=coach, uploaded=SimpleUploadedFile("cv.pdf", PDF), title="CV"
    )
    task = crm.task_create(entrepreneur=person, by=coach, title="Appeler la commune")
    # The referral goes to the partner login's organisation: it sees and answers it (tests/crm/test_referral_answer.py
    # covers another organisation's login).
    organisation = PartnerFactory()
    organisation.users.add(users["partner"])
    referral = crm.referral_create(entrepreneur=person, partner=organisation, by=coach, purpose="Microcrédit")
    batch = imports.import_preview(
        uploaded=SimpleUploadedFile("people.csv", b"first_name,last_name\nNadia,Haddad\n"), by=coach
    )
    ids.update(
        batch=batch.pk,
        person=person.pk,
        project=project.pk,
        document=document.pk,
        task=task.pk,
        referral=referral.pk,
        programme=programme.pk,
        stage="project",
    )

    # Mentoring: the mentor is in an active pair with the owner, and has an offer and a proposal waiting.
    mentor = mentoring.mentor_create(
        by=None,
        user=users["mentor"],
        languages=[{"code": "fr", "level": "C1"}],
        expertise=["financing"],
        capacity=3,
        is_local=True,
    )
    pair = Match(mentee=person, mentor=mentor)
    mentoring._rescore(pair)
    pair.save()
    pair = mentoring.match_publish(match=pair, by=coach)
    pair = mentoring.match_accept(match=pair, by=users["mentor"])
    other_mentee = EntrepreneurFactory(needs=["financing"], arrival_year=2020)
    other_mentee.spoken_languages.create(code="fr", level="B2")
    make_project(entrepreneur=other_mentee, coach=coach, title="Épicerie")
    offer = Match(mentee=other_mentee, mentor=mentor)
    mentoring._rescore(offer)
    offer.save()
    offer = mentoring.match_publish(match=offer, by=coach)
    third = EntrepreneurFactory(needs=["financing"], arrival_year=2021)
    third.spoken_languages.create(code="fr", level="B2")
    make_project(entrepreneur=third, coach=coach, title="Vélos")
    run = mentoring.matching_run(by=coach, seed=1)
    proposal = run.matches.get(status="proposed")
    application = mentoring.mentor_apply(
        first_name="Nadia", email="nadia@example.org", languages=["fr", "ar"], expertise=["accounting"], capacity=1
    )
    from interlab.mentoring.models import Exclusion

    exclusion = Exclusion.objects.create(mentee=other_mentee, mentor=mentor, reason="coach", by=coach)
    ids.update(
        mentor=mentor.pk,
        pair=pair.pk,
        offer=offer.pk,
        run=run.pk,
        proposal=proposal.pk,
        application=application.pk,
        exclusion=exclusion.pk,
    )
    # The pair's meetings: times the mentor proposed, waiting for the owner; a meeting the owner fixed.
    from interlab.mentoring import meetings

    soon = timezone.now().replace(microsecond=0) + timedelta(days=10)
    waiting = meetings.meeting_propose(match=pair, by=users["mentor"], starts=[soon], mode="phone")
    fixed = meetings.meeting_propose(match=pair, by=users["mentor"], starts=[soon + timedelta(days=1)], mode="phone")
    fixed = meetings.meeting_accept(meeting=fixed, by=owner, start=soon + timedelta(days=1))
    ids.update(
        meeting_proposal=waiting.pk,
        meeting_time=soon.isoformat(),
        meeting=fixed.pk,
        new_meeting_time=(soon + timedelta(days=2)).isoformat(),
    )

    # Tiers-lieu: a room open every day, the owner's booking next Tuesday, a waiting-list entry.
    space = Space.objects.create(
        name="Salle du monde", kind="room", capacity=4, equipment=["wifi"], closed_on_public_holidays=False
    )
    for weekday in range(7):
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(8, 0), closes=time(20, 0))
    start = _next_tuesday_at(10)
    booking = tierslieu.book(by=owner, space=space, start=start, end=start + timedelta(hours=1), title="Réunion").first
    full = Space.objects.create(name="Bureau du monde", kind="room", capacity=1, closed_on_public_holidays=False)
    for weekday in range(7):
        OpeningHours.objects.create(space=full, weekday=weekday, opens=time(8, 0), closes=time(20, 0))
    tierslieu.book(by=coach, space=full, start=start, end=start + timedelta(hours=1), title="Pris")
    entry = tierslieu.waitlist_join(
        by=owner, space=full, start=start, end=start + timedelta(hours=1), title="En attente"
    )
    revoked_feed = tierslieu.feed_for(user=owner)
    feed = tierslieu.feed_renew(feed=revoked_feed, by=owner)
    space_feed = tierslieu.feed_for(space=space)
    ids.update(
        space=space.pk,
        booking=booking.pk,
        waitlist=entry.pk,
        day=start.date().isoformat(),
        feed=feed.token,
        revoked_feed=revoked_feed.token,
        space_feed=space_feed.token,
    )

    # Dossiers: the owner's dossier, an annex, a built PDF.
    dossier = dossiers.dossier_create(project=project, by=owner, exemption=None, assess=True)
    annex = dossiers.annex_add(dossier=dossier, by=coach, uploaded=SimpleUploadedFile("a.pdf", _annex_pdf()))
    build = DossierBuild.objects.create(
        dossier=dossier, requested_by=coach, state=BuildState.DONE, step="done", finished_at=timezone.now()
    )
    build.file.save("dossier.pdf", ContentFile(_annex_pdf()), save=True)
    ids.update(dossier=dossier.pk, annex=annex.pk, section="summary", item=_first_item_key(dossier))

    # Impact: a follow-up and a financing on the owner's project.
    follow_up = impact.follow_up_record(project=project, by=coach, months_after_launch=6, operating=True)
    financing = impact.financing_record(project=project, by=coach, source="own_funds", amount=1000)
    ids.update(follow_up=follow_up.pk, financing=financing.pk)

    # Core: a dry run of the retention schedule, for its report page.
    from interlab.core import retention

    ids.update(retention_run=retention.retention_run(dry_run=True, by=users["admin"], notify=False).pk)
    # Core: an API token of the owner's, which only the owner may revoke from their account page.
    from interlab.core.services import api_token_create

    ids.update(api_token=api_token_create(user=owner)[0].pk)
    # Core: a notification of the owner's, which only the owner may open.
    from interlab.core.notifications import notify

    ids.update(notification=notify(owner, "world.news", subject="Bienvenue", url="/app/my/").pk)
    # Core: the authenticator app of a coach outside the roles, which no one else may remove.
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    ids.update(authenticator=TOTP.activate(UserFactory(role=Role.COACH), generate_totp_secret()).instance.pk)

    world.objects.update(person=person, project=project, space=space, dossier=dossier)
    return world


def _annex_pdf() -> bytes:
    from tests.dossiers.factories import text_pdf_bytes

    return text_pdf_bytes("Annexe")


def _first_item_key(dossier) -> str:
    from interlab.dossiers.checklist import rules_for

    rules = list(rules_for(dossier))
    return rules[0].key if rules else "none"


@pytest.fixture
def world(db, tmp_path, monkeypatch) -> World:
    return build_world(tmp_path, monkeypatch)


def client_for(world: World, role: str) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _request(client: Client, world: World, method: str, url: str, body) -> HttpResponse:
    url = world.url(url)
    if body is None:
        return getattr(client, method)(url)
    if isinstance(body, str):  # JSON for the API, with the world's ids filled in
        return getattr(client, method)(url, data=world.url(body), content_type="application/json")
    return getattr(client, method)(url, data={k: world.url(str(v)) for k, v in body.items()})


def run_row(world: World, method: str, url: str, body=None) -> dict[str, HttpResponse]:
    """Each role's response to one request, each in a savepoint rolled back afterwards: what one role's
    request changes (a booking cancelled, an offer accepted) is never seen by the next role."""
    seen = {}
    for role in ROLES:
        with transaction.atomic():
            seen[role] = _request(client_for(world, role), world, method, url, body)
            transaction.set_rollback(True)
    return seen


def expected_by_role(statuses: str) -> dict[str, int]:
    codes = [int(code) for code in statuses.split()]
    assert len(codes) == len(ROLES), statuses
    return dict(zip(ROLES, codes, strict=True))


def assert_matrix(world: World, rows: list[tuple], *, api: bool) -> None:
    """Every row against every role; one failure lists every cell that differs, as a table."""
    wrong = []
    for method, url, body, statuses in rows:
        expected = expected_by_role(statuses)
        for role, response in run_row(world, method, url, body).items():
            status = response.status_code
            problem = ""
            if status != expected[role]:
                problem = f"got {status}, expected {expected[role]}"
            elif api and status >= 400 and not {"detail", "code"} <= set(response.json()):
                problem = f"error body without detail and code: {response.content[:120]!r}"
            elif not api and role == "anonymous" and status == 302 and "/login/" not in response["Location"]:
                problem = f"anonymous sent to {response['Location']}, not to the login page"
            if problem:
                wrong.append(f"{method.upper():6} {url} as {role}: {problem}")
    assert not wrong, "\n" + "\n".join(wrong)
