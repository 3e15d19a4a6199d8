"""Factories for every test: one place, real database rows, services where a write has rules."""

import io

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


def pdf_bytes(pages: int = 1, *, text: str = "", width: float = 595, height: float = 842, password: str = "") -> bytes:
    """A real PDF of `pages` blank pages (with an optional text annotation-free title in the metadata)."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=width, height=height)
    if text:
        writer.add_metadata({"/Title": text})
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_bytes(width: int = 300, height: int = 200, color=(200, 80, 40)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()


def pdf_with_open_action(action: dict[str, str]) -> bytes:
    """A one-page PDF whose catalogue runs `action` on opening (a script, a launch), as a hostile file would."""
    from pypdf import PdfWriter
    from pypdf.generic import DictionaryObject, NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    entries = {NameObject(k): (NameObject(v) if v.startswith("/") else TextStringObject(v)) for k, v in action.items()}
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(DictionaryObject(entries))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
