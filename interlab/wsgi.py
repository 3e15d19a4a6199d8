"""WSGI entry point (gunicorn interlab.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interlab.settings.production")
application = get_wsgi_application()
