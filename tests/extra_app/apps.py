from django.apps import AppConfig


class ExtraAppConfig(AppConfig):
    name = "tests.extra_app"
    label = "extra_app"
    verbose_name = "extra app"
