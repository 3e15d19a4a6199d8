"""django-q2 entry points of the core app. Thin: they call services."""

from . import notifications
from .retention import retention_run


def retention_nightly() -> dict:
    """The nightly retention run; admins get its report by e-mail. Returns the counts per rule."""
    run = retention_run(dry_run=False)
    return {rule["action"]: rule["count"] for rule in run.rules}


def notification_deliver(notification_id: int) -> list[str]:
    """E-mail and SMS of one notification (interlab.core.notifications.notify queues it once committed)."""
    return notifications.deliver(notification_id)
