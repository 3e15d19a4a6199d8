"""Core's own signal receivers: a password change revokes the person's API tokens, however it was changed."""

from django.db.models.signals import post_save, pre_save

from . import services
from .models import User


def _password_before(sender, instance: User, raw=False, update_fields=None, **kwargs) -> None:
    """Notes whether this save changes the stored password hash (forms, the admin, set_password, a service)."""
    instance._password_changed = False
    if raw or instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    # Django re-hashes a password on login when its hasher gets stronger: the same password, not a change.
    # That save is the only one writing just the hash after set_password() without keeping the raw password.
    if update_fields is not None and set(update_fields) == {"password"} and instance._password is None:
        return
    stored = User.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    instance._password_changed = stored is not None and stored != instance.password


def _password_after(sender, instance: User, raw=False, **kwargs) -> None:
    if getattr(instance, "_password_changed", False):
        instance._password_changed = False
        services.api_tokens_revoke_all(user=instance)


def connect() -> None:
    pre_save.connect(_password_before, sender=User, dispatch_uid="core.password_before")
    post_save.connect(_password_after, sender=User, dispatch_uid="core.password_after")
