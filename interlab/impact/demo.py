"""Demo data of the impact app, seeded after the people and projects exist (core.demo). Safe to run twice."""

from datetime import timedelta

from django.db.models import Min
from django.utils import timezone

from interlab.crm import selectors as crm_selectors

from .models import EducationLevel, Financing, FollowUp, Participant
from .spells import spells_refresh


def seed(demo: dict) -> dict:
    """Follow-ups and financing for the demo's launched projects, and an education band for everyone."""
    users, programme = demo["users"], demo["programme"]
    today = timezone.localdate()
    bands = EducationLevel.values
    people = 0
    for index, person in enumerate(
        crm_selectors.entrepreneurs_all().active().filter(projects__programme=programme).distinct()
    ):
        # The participant row exists from the file's creation (impact.participants); the demo adds the band.
        people += Participant.objects.filter(entrepreneur=person, education_level="").update(
            education_level=bands[index % len(bands)]
        )
    follow_ups = financings = 0
    launched = crm_selectors.projects_all().filter(
        programme=programme,
        pk__in=crm_selectors.stage_transitions_all().filter(to_stage__is_launch=True).values("project_id"),
    )
    launches = dict(
        crm_selectors.stage_transitions_all()
        .filter(to_stage__is_launch=True, project__in=launched)
        .values("project_id")
        .annotate(first=Min("at"))
        .values_list("project_id", "first")
    )
    for index, project in enumerate(launched.order_by("pk")):
        launch = timezone.localdate(launches[project.pk]) if project.pk in launches else today
        # Each business gets its follow-ups at 6 and 12 months once they are due, and one financing after launch.
        for months in (6, 12):
            due = launch + timedelta(days=round(30.4 * months))
            if months == 12 and due > today:
                break
            _follow_up, created = FollowUp.objects.get_or_create(
                project=project,
                months_after_launch=months,
                defaults={
                    "operating": not (months == 12 and index % 7 == 3),
                    "jobs_full_time": 1 + index % 2,
                    "jobs_part_time": index % 3,
                    "checked_on": min(due, today - timedelta(days=10)),
                    "by": users.get("coach"),
                },
            )
            follow_ups += created
        if not Financing.objects.filter(project=project).exists():
            Financing.objects.create(
                project=project,
                source=("microcredit", "grant", "own_funds", "loan")[index % 4],
                amount=(12000, 5000, 2500, 25000)[index % 4],
                obtained_on=min(launch - timedelta(days=30), today),
                by=users.get("coach"),
            )
            financings += 1
    spells_refresh()
    return {"impact_participants": people, "impact_follow_ups": follow_ups, "impact_financings": financings}
