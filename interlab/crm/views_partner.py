"""The partner organisations' pages: the referrals sent to them, and their answer. Thin: parse, call, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from interlab.core.errors import Conflict
from interlab.core.models import Role

from . import selectors, services
from .choices import ANSWERS_FROM, PARTNER_ANSWERS
from .forms import ReferralAnswerForm


def _partner_only(user) -> None:
    if user.role != Role.PARTNER:
        raise PermissionDenied


@login_required
def partner_home(request):
    _partner_only(request.user)
    return render(request, "crm/partner_home.html", selectors.partner_home(request.user))


@login_required
@require_http_methods(["GET", "POST"])
def partner_referral(request, referral_id: int):
    _partner_only(request.user)
    referral = selectors.referral_get(request.user, referral_id)
    allowed = tuple(
        key for key, outcome in PARTNER_ANSWERS.items() if outcome in ANSWERS_FROM.get(referral.outcome, ())
    )
    form = ReferralAnswerForm(request.POST or None, allowed=allowed)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.referral_answer(
                referral=referral,
                by=request.user,
                outcome=PARTNER_ANSWERS[data["status"]],
                note=data["note"],
                on=data["date"],
            )
        except Conflict as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Thank you: your answer was sent to the coach."))
            return redirect("crm:partner_home")
    view = selectors.referral_views(request.user, [referral])[0]
    return render(
        request,
        "crm/partner_referral.html",
        {"view": view, "referral": referral, "form": form, "can_answer": bool(allowed)},
        status=422 if request.method == "POST" else 200,
    )
