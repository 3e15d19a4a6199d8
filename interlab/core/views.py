"""Login, logout and the landing page that sends each role to its own space."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from .forms import LockoutAuthenticationForm
from .models import Role


class InterLabLoginView(LoginView):
    form_class = LockoutAuthenticationForm
    template_name = "core/login.html"
    redirect_authenticated_user = True


@require_POST
def logout_view(request):
    logout(request)
    return redirect("login")


@login_required
def home(request):
    user = request.user
    if user.is_staff_role:
        return redirect("crm:board")
    if user.role == Role.ENTREPRENEUR:
        return redirect("crm:my_space")
    if user.role == Role.MENTOR:
        return redirect("mentoring:inbox")
    if user.role == Role.FUNDER:
        return redirect("impact:dashboard")
    if user.role == Role.PARTNER:
        return redirect("crm:partner_home")
    return render(request, "core/home.html")
