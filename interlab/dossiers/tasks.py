"""django-q2 entry points of the dossiers. Thin: they call the builder and the reminder service."""

import os
import time

from django.conf import settings

from . import pdf, reminders, services

# A PDF build is batch work of a few seconds of CPU; people waiting for a page come first. The worker
# process runs at the lowest priority and, after each build, rests half as long as the build took, so a
# burst of queued builds uses at most two thirds of one core (one machine with two cores is the default).
BUILD_NICENESS = 19
REST_RATIO = 0.5
MAX_REST_SECONDS = 5.0


def _in_worker() -> bool:
    # With sync on, the task runs in the caller's process (tests): leave its priority and pace alone.
    return not settings.Q_CLUSTER.get("sync")


def _give_way_to_the_web() -> None:
    try:
        current = os.nice(0)
        if current < BUILD_NICENESS:
            os.nice(BUILD_NICENESS - current)
    except (AttributeError, OSError):
        pass


def build_pdf(build_id: int) -> dict:
    if not _in_worker():
        return pdf.build_run(build_id)
    _give_way_to_the_web()
    started = time.monotonic()
    result = pdf.build_run(build_id)
    time.sleep(min(MAX_REST_SECONDS, (time.monotonic() - started) * REST_RATIO))
    return result


def send_reminders() -> dict:
    """The daily schedule: card renewals, residence documents nearing their end, erased people's dossiers emptied."""
    return {**reminders.send_all(), "purged": services.dossiers_purge_erased()}
