"""django-q2 entry points of the core app. Thin: they call services."""

from . import accounts, notifications, speech
from .models import User
from .retention import retention_run


def retention_nightly() -> dict:
    """The nightly retention run; admins get its report by e-mail. Returns the counts per rule."""
    run = retention_run(dry_run=False)
    return {rule["action"]: rule["count"] for rule in run.rules}


def notification_deliver(notification_id: int) -> list[str]:
    """E-mail and SMS of one notification (interlab.core.notifications.notify queues it once committed)."""
    return notifications.deliver(notification_id)


def password_reset_mail(user_id: int, language: str | None = None) -> None:
    """The reset link, made here rather than in the request: the queue holds only the login's id, never a token."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is not None and user.email and user.has_usable_password():
        accounts.password_reset_mail(user=user, language=language)


def speech_generate(text: str, language: str) -> str:
    """The read-aloud audio of a public text (interlab.core.speech.speech_queue queues it); returns its name."""
    return speech.speak(text, language)
