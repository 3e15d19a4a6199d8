"""The public site's pages that are not Wagtail pages, under the language prefix (/fr/, /en/ …)."""

from django.urls import path

from . import views

app_name = "cms"

urlpatterns = [
    path("glossary/", views.glossary, name="glossary"),
]
