"""What the staff navigation shows of the pipeline: the coach's open and overdue tasks, counted only if a page
shows them."""

from django.utils.functional import SimpleLazyObject

from . import selectors


def my_tasks(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff_role:
        return {}
    return {"my_tasks": SimpleLazyObject(lambda: selectors.my_task_counts(user))}
