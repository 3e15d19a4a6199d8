"""Public iCal feeds: /ical/<token>.ics, reachable without a login; the token is the secret."""

from django.urls import path

from . import views

app_name = "ical"
urlpatterns = [path("<str:token>.ics", views.feed, name="feed")]
