"""What mentoring does when core tells it something: a login made with an approved application's invitation
becomes a mentor."""

from django.contrib.contenttypes.models import ContentType

from interlab.core.models import Invitation, InvitationKind
from interlab.core.signals import invitation_accepted

from . import services
from .models import MentorApplication


def _invited_mentor_join(sender, invitation: Invitation, user, **kwargs) -> None:
    if invitation.kind != InvitationKind.INVITE or invitation.target_type_id is None:
        return
    if invitation.target_type_id != ContentType.objects.get_for_model(MentorApplication).pk:
        return
    services.mentor_application_joined(application_id=invitation.target_id, user=user)


def connect() -> None:
    invitation_accepted.connect(_invited_mentor_join, dispatch_uid="mentoring.invited_mentor_join")
