from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .forms import LockoutAdminAuthenticationForm
from .models import ConsentText, LoginFailure, SensitiveRead, User

# The Django admin's own login page counts failures and locks out like every other login.
admin.site.login_form = LockoutAdminAuthenticationForm


@admin.register(User)
class InterLabUserAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "email", "role", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = [*UserAdmin.fieldsets, (_("InterLab"), {"fields": ["role", "preferred_language"]})]
    add_fieldsets = [*UserAdmin.add_fieldsets, (_("InterLab"), {"fields": ["role"]})]


@admin.register(ConsentText)
class ConsentTextAdmin(admin.ModelAdmin):
    list_display = ["key", "version", "language", "created_at"]


@admin.register(SensitiveRead)
class SensitiveReadAdmin(admin.ModelAdmin):
    """The read log is evidence: admins read it, nobody edits or deletes it."""

    list_display = ["at", "user", "entrepreneur", "fields", "context"]
    list_filter = ["context"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    """Who is locked out and from where; deleting an account's rows (the bulk delete action) lifts its lock."""

    list_display = ["username", "ip_address", "at"]
    list_filter = ["at"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
