"""Public iCal feeds: /ical/<token>.ics, reachable without a login; the token is the secret."""

from django.urls import path  # noqa: F401

app_name = "ical"
urlpatterns: list = []
