"""Factories for every test: one place, real database rows, services where a write has rules."""

import factory
from factory.django import DjangoModelFactory

from interlab.core.models import Role, User
from interlab.crm import services
from interlab.crm.models import Cohort, Entrepreneur, Partner, Programme, Project, Stage

PASSWORD = "correct horse battery staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="fr_BE")
    last_name = factory.Faker("last_name", locale="fr_BE")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.COACH
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class EntrepreneurFactory(DjangoModelFactory):
    class Meta:
        model = Entrepreneur

    first_name = factory.Faker("first_name", locale="fr_BE")
    last_name = factory.Faker("last_name", locale="fr_BE")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    commune = "Liège"


def stage(key: str) -> Stage:
    return Stage.objects.get(key=key)


def make_project(*, entrepreneur=None, coach=None, title="Épicerie solidaire", path=(), **fields) -> Project:
    """A project created and moved through `path` by the real services, as a coach would."""
    entrepreneur = entrepreneur or EntrepreneurFactory()
    project = services.project_create(entrepreneur=entrepreneur, by=coach, title=title, coach=coach, **fields)
    for key in path:
        target = stage(key)
        if target.requires_enterprise_number and not project.enterprise_number:
            services.project_update(project=project, by=coach, enterprise_number="0403.170.701")
        reason = "raison" if target.requires_reason else ""
        services.project_move(project=project, to_stage=target, by=coach, reason=reason)
        project.refresh_from_db()
    return project


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = Programme

    name = factory.Sequence(lambda n: f"Programme {n}")


class CohortFactory(DjangoModelFactory):
    class Meta:
        model = Cohort

    name = factory.Sequence(lambda n: f"Cohorte {n}")


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Partenaire {n}")
    category = "support"


def room_open_all_day(name: str = "Salle Meuse"):
    """A tiers-lieu room open every day from midnight to 23:45, holidays included: bookable at any test time."""
    from datetime import time

    from interlab.tierslieu.models import OpeningHours, Space

    space = Space.objects.create(name=name, kind="room", capacity=6, closed_on_public_holidays=False)
    for weekday in range(7):
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(0, 0), closes=time(23, 45))
    return space
