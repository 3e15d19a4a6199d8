"""Two people take the last place of a workshop at the same instant: exactly one gets it.

The service is called from two threads, each on its own database connection; on PostgreSQL the row lock on
every language version of the event orders them, on SQLite the IMMEDIATE transaction does.
"""

import threading

import pytest
from django.db import connections

from cms import services
from cms.models import EventRegistration
from tests.cms import factories
from tests.e2e.conftest import E2E_DB

pytestmark = [pytest.mark.e2e, E2E_DB]


def test_two_simultaneous_registrations_for_the_last_place_give_it_to_one_person():
    event = factories.event(capacity=2)
    factories.translate(event, "en", title="Information session")
    services.event_register(
        event=event, first_name="Amina", last_name="", email="amina@example.org", phone="", language="fr"
    )
    english = event.get_translation(factories.locale("en")).specific
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def register(page, name):
        try:
            start.wait(timeout=10)
            services.event_register(
                event=page, first_name=name, last_name="", email=f"{name}@example.org", phone="", language="en"
            )
            outcomes[name] = "registered"
        except services.RegistrationRefused:
            outcomes[name] = "refused"
        except Exception as exc:  # noqa: BLE001 - any other outcome is the failure this test looks for
            outcomes[name] = repr(exc)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=register, args=(event, "bogdan")),
        threading.Thread(target=register, args=(english, "chloe")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes.values()) == ["refused", "registered"], outcomes
    assert EventRegistration.objects.filter(event__translation_key=event.translation_key).count() == 2


def test_an_application_sent_twice_at_once_is_flagged_as_a_possible_duplicate():
    from interlab.core.models import ConsentText
    from interlab.crm.models import Entrepreneur

    consent = ConsentText.objects.filter(key="intake", language="fr").order_by("-version").first()
    start = threading.Barrier(2)
    errors: list[str] = []

    def apply():
        try:
            start.wait(timeout=10)
            services.intake_submit(
                consent=consent,
                first_name="Oksana",
                last_name="Kovalenko",
                email="oksana.k@example.org",
                phone="",
                commune="Liège",
                languages=["uk"],
                needs=[],
                project_title="Atelier de couture",
                idea="",
                heard_from="",
                language="fr",
            )
        except Exception as exc:  # noqa: BLE001 - any failure is what this test looks for
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=apply) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    first, second = Entrepreneur.objects.filter(email="oksana.k@example.org").order_by("pk")
    assert first.possible_duplicate_of is None
    assert second.possible_duplicate_of == first
