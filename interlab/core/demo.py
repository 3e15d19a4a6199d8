"""Demo data for a first run: each app seeds its own (`demo.seed`), in floor order, from this one loop.

An app joins by adding a `demo.py` with `seed(demo: dict) -> dict`: `demo` is shared by the seeds (core puts
the demo users in demo["users"], the pipeline its programme in demo["programme"]); each returns its counts.
Every seed is safe to run twice. DEBUG only: the demo password is public.
"""

from django.db import transaction

from . import interfaces
from .models import Role, User
from .services import login_create

DEMO_PASSWORD = "interlab-demo"

DEMO_USERS = [
    ("admin", Role.ADMIN, "Anne", "Lambert"),
    ("coach", Role.COACH, "Sarah", "Dumont"),
    ("coach2", Role.COACH, "Youssef", "El Amrani"),
    ("entrepreneur", Role.ENTREPRENEUR, "Amina", "Diallo"),
    ("mentor", Role.MENTOR, "Pierre", "Renard"),
    ("funder", Role.FUNDER, "Claire", "Jacquet"),
    ("partner", Role.PARTNER, "Marc", "Willems"),
]


def _user(username, role, first, last) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={"role": role, "first_name": first, "last_name": last, "email": f"{username}@interlab.demo"},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        if role == Role.ADMIN:
            user.is_staff = user.is_superuser = True
        user.save()
    return user


def demo_login(username: str, role: str, first: str, last: str, *, can_log_in: bool = True) -> User:
    """A demo account (created once): with the demo password, or, for people in the data who never log in,
    with no usable password."""
    if not can_log_in:
        user = User.objects.filter(username=username).first()
        return user or login_create(
            username=username, role=role, first_name=first, last_name=last, email=f"{username}@interlab.demo"
        )
    return _user(username, role, first, last)


def seed(demo: dict) -> dict:
    """The demo logins, one per role."""
    demo["users"] = {username: _user(username, role, first, last) for username, role, first, last in DEMO_USERS}
    return {"users": len(demo["users"])}


@transaction.atomic
def seed_demo() -> dict:
    """Every app's demo data; the counts of what each created (0 for what was already there)."""
    demo: dict = {}
    result: dict = {}
    for _config, module in interfaces.app_modules("demo"):
        seed_app = getattr(module, "seed", None)
        if seed_app is not None:
            result.update(seed_app(demo))
    return result
