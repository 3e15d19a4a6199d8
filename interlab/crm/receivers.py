"""What the pipeline does when core tells it something: a login made with a file's invitation is linked to it."""

from django.contrib.contenttypes.models import ContentType

from interlab.core.models import Invitation, InvitationKind
from interlab.core.signals import invitation_accepted

from . import services
from .models import Entrepreneur


def _invited_login_link(sender, invitation: Invitation, user, **kwargs) -> None:
    if invitation.kind != InvitationKind.INVITE or invitation.target_type_id is None:
        return
    if invitation.target_type_id != ContentType.objects.get_for_model(Entrepreneur).pk:
        return
    services.entrepreneur_login_link(entrepreneur_id=invitation.target_id, user=user)


def connect() -> None:
    invitation_accepted.connect(_invited_login_link, dispatch_uid="crm.invited_login_link")
