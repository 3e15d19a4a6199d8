"""Writes of the impact app: what coaches record after launch (follow-ups, financing) and the education band."""

from django.db import IntegrityError, transaction

from interlab.core.errors import Forbidden
from interlab.core.models import User
from interlab.crm.models import Entrepreneur, Project

from .models import Financing, FollowUp, Participant


def _staff(by: User) -> None:
    if not (by and by.is_staff_role):
        raise Forbidden("Only coaches and administrators record follow-ups and financing.")


@transaction.atomic
def follow_up_record(
    *,
    project: Project,
    by: User,
    months_after_launch: int,
    operating: bool,
    jobs_full_time: int = 0,
    jobs_part_time: int = 0,
    checked_on=None,
) -> FollowUp:
    """Record (or correct) the follow-up of a business at one milestone: one row per milestone."""
    _staff(by)

    def fill(follow_up: FollowUp) -> FollowUp:
        follow_up.operating = operating
        follow_up.jobs_full_time = jobs_full_time or 0
        follow_up.jobs_part_time = jobs_part_time or 0
        if checked_on:
            follow_up.checked_on = checked_on
        follow_up.by = by
        # One row per milestone is the database's to enforce: a check here would race the other writer.
        follow_up.full_clean(validate_constraints=False)
        return follow_up

    follow_up = fill(
        _current_follow_up(project, months_after_launch)
        or FollowUp(project=project, months_after_launch=months_after_launch)
    )
    try:
        with transaction.atomic():
            follow_up.save()
    except IntegrityError:
        # Two coaches recorded the same milestone at the same moment: the later one corrects the first.
        follow_up = fill(
            FollowUp.objects.select_for_update().get(project=project, months_after_launch=months_after_launch)
        )
        follow_up.save()
    return follow_up


def _current_follow_up(project: Project, months_after_launch: int) -> FollowUp | None:
    return FollowUp.objects.filter(project=project, months_after_launch=months_after_launch).first()


@transaction.atomic
def follow_up_delete(*, follow_up: FollowUp, by: User) -> None:
    _staff(by)
    follow_up.delete()


@transaction.atomic
def financing_record(*, project: Project, by: User, source: str, amount, obtained_on=None) -> Financing:
    _staff(by)
    financing = Financing(project=project, source=source, amount=amount, by=by)
    if obtained_on:
        financing.obtained_on = obtained_on
    financing.full_clean()
    financing.save()
    return financing


@transaction.atomic
def financing_delete(*, financing: Financing, by: User) -> None:
    _staff(by)
    financing.delete()


@transaction.atomic
def education_set(*, entrepreneur: Entrepreneur, by: User, education_level: str) -> Participant:
    _staff(by)
    participant, _created = Participant.objects.get_or_create(entrepreneur=entrepreneur)
    participant.education_level = education_level or ""
    participant.full_clean()
    participant.save()
    return participant
