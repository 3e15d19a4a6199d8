"""GET /healthz: is this web process able to serve? For load balancers and the grown set-up's checks.

It answers 200 when the database and the cache answer, 503 otherwise, with one word per part. It reads no
table of the product, needs no login, sets no cookie and says nothing about the version or the data. The
background workers are counted (clusters that reported within the last seconds) but do not fail the check:
a web node stays useful while the workers restart.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone()[0] == 1
    except Exception:  # noqa: BLE001 - any failure is "not healthy", logged for the operator
        logger.warning("health: the database does not answer", exc_info=True)
        return False


def _cache() -> bool:
    key, value = "health:probe", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        return cache.get(key) == value
    except Exception:  # noqa: BLE001
        logger.warning("health: the cache does not answer", exc_info=True)
        return False


def _workers() -> int | None:
    try:
        from django_q.status import Stat

        return len(Stat.get_all())
    except Exception:  # noqa: BLE001 - the broker is away: the database or cache check says why
        logger.warning("health: the workers' status cannot be read", exc_info=True)
        return None


@never_cache
@require_safe
def healthz(request):
    database, cache_ok = _database(), _cache()
    healthy = database and cache_ok
    body = {
        "status": "ok" if healthy else "error",
        "database": "ok" if database else "error",
        "cache": "ok" if cache_ok else "error",
        "workers": _workers(),
    }
    return JsonResponse(body, status=200 if healthy else 503)
