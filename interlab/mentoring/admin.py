"""Mentor profiles in the Django admin, for administrators; pairs are read there, changed through the app."""

from django.contrib import admin

from .models import Match, MatchingWeights, MentorProfile


@admin.register(MentorProfile)
class MentorProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "is_local", "capacity", "commune", "mode", "paused"]
    list_filter = ["is_local", "paused", "mode", "programmes"]
    search_fields = ["user__first_name", "user__last_name", "user__email", "expertise_text"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["programmes"]


@admin.register(MatchingWeights)
class MatchingWeightsAdmin(admin.ModelAdmin):
    list_display = ["programme", "version", "binome", "auc", "updated_by", "updated_at"]
    # The AUC is computed when weights are saved through the app (services.weights_set), never typed in.
    readonly_fields = ["version", "auc", "auc_sd", "auc_outcomes", "updated_by", "updated_at"]


@admin.register(Match)
class MatchAdmin(admin.ModelAdmin):
    """Read-only: every change of a pair goes through the services (capacity, reminders, mails)."""

    list_display = ["mentee", "mentor", "status", "score", "created_at"]
    list_filter = ["status", "programme"]
    list_select_related = ["mentee", "mentor__user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
