"""WSGI entry point (gunicorn clusterlab.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clusterlab.settings")
application = get_wsgi_application()
