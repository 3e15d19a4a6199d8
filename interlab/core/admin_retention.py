"""The retention rules in the Django admin: one row per action (the code defines them), periods editable."""

from django.contrib import admin

from .models import RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ["action", "after", "unit", "enabled", "updated_at"]
    list_editable = ["enabled"]
    fields = ["action", "after", "unit", "enabled", "note"]
    readonly_fields = ["action"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
