"""django-q2 entry points of the dossiers. Thin: they call the builder and the reminder service."""

from . import pdf, reminders


def build_pdf(build_id: int) -> dict:
    return pdf.build_run(build_id)


def send_reminders() -> dict:
    """The daily schedule: card renewals and residence documents nearing their end."""
    return reminders.send_all()
