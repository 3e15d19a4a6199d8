"""End-to-end fixtures: Debian's Chromium driven by Playwright, and the migrated reference data kept intact.

The browser is the system one (CHROMIUM_PATH, /usr/bin/chromium by default; `make browser` installs it).
Nothing here downloads a browser.

Every e2e test is transactional (the live server and the worker process must see committed rows). A
transactional test ends with a flush of every table, which would also delete what the data migrations
created (pipeline stages, partners, Wagtail's root page). The tests therefore use `serialized_rollback=True`
(see E2E_DB below), which reloads the migrated data at the start of each test, and the module fixture
`_migrated_data_restored` resets the database to its migrated state before and after each e2e module,
so that whatever runs next in the session finds the database as the migrations left it.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connections

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SCREENS_DIR = Path(settings.VAR_DIR) / "e2e-screens"

# The mark every e2e test carries: committed data, and the migrated rows reloaded before each test.
E2E_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def reset_to_migrated_state() -> None:
    """Empty every table, then load the rows the migrations created (serialized when the test DB was built).

    Then two repairs: the content-type cache is read back from the database (deserialising Wagtail pages
    warms it with ids the serialized rows then overwrite), and on PostgreSQL the id sequences are moved
    past the reloaded rows (else the next partner or page created reuses id 1).
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.management.color import no_style

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            call_command("flush", database=alias, interactive=False, inhibit_post_migrate=True, verbosity=0)
            connections[alias].creation.deserialize_db_from_string(contents)
            ContentType.objects.db_manager(alias).clear_cache()
            for pk in ContentType.objects.using(alias).values_list("pk", flat=True):
                ContentType.objects.db_manager(alias).get_for_id(pk)
            connection = connections[alias]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    for statement in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                        cursor.execute(statement)


@pytest.fixture(scope="module", autouse=True)
def _migrated_data_restored(django_db_setup, django_db_blocker):
    """Each e2e module starts from, and leaves behind, the database exactly as the migrations made it.

    Before: an earlier transactional test without serialized rollback may have flushed the tables, and its
    flush re-created content types and permissions under new ids, which the serialized rows would collide
    with. After: the last test's flush removed the stages that later tests rely on.
    """
    with django_db_blocker.unblock():
        reset_to_migrated_state()
    yield
    with django_db_blocker.unblock():
        reset_to_migrated_state()


@pytest.fixture
def browser(transactional_db):
    """Chromium for one test, started after the test database is set up and stopped before it is flushed.

    Playwright's sync API keeps an asyncio loop marked as running in this thread. While it runs, Django
    refuses database calls from the test (SynchronousOnlyOperation) unless DJANGO_ALLOW_ASYNC_UNSAFE is
    set, and hands out other connection objects (asgiref's Local switches to context-variable storage).
    Those connections lack the serialized migrated data, so the test database's setup and flush must
    happen outside Playwright's lifetime: hence a browser per test, never per module or session. The
    connections opened meanwhile are closed before the loop stops, and the variable is only set while
    Playwright runs.
    """
    from playwright.sync_api import sync_playwright

    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(
            f"The browser tests need Debian's Chromium at {CHROMIUM} (set CHROMIUM_PATH to use another one). "
            "Install it with `make browser` or `sudo apt-get install chromium`; never with `playwright install`.",
            pytrace=False,
        )
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            # launch() gives the browser a fresh temporary profile (user-data dir) and deletes it on close.
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            try:
                yield browser
            finally:
                connections.close_all()
                browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture
def page(request, browser, live_server):
    """A fresh context (no cookies) on the live server, as a French-speaking coach's browser would be.

    Uncaught JavaScript errors and static files that fail to load make the test fail; a failing test
    leaves a full-page screenshot in var/e2e-screens/.
    """
    context = browser.new_context(base_url=live_server.url, locale="fr-BE", viewport={"width": 1600, "height": 1000})
    context.set_default_timeout(10_000)
    page = context.new_page()
    js_errors, broken_assets = [], []

    def on_response(response):
        if "/static/" in response.url and response.status >= 400:
            broken_assets.append(f"{response.status} {response.url}")

    def on_request_failed(req):
        # A request the page abandoned by navigating on (an icon, a deferred script) is not a broken file.
        if "/static/" in req.url and req.failure != "net::ERR_ABORTED":
            broken_assets.append(f"failed {req.url}")

    page.on("pageerror", lambda exc: js_errors.append(str(exc)))
    page.on("response", on_response)
    page.on("requestfailed", on_request_failed)
    yield page
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    if failed:
        SCREENS_DIR.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(SCREENS_DIR / f"failed-{request.node.name}.png"), full_page=True)
        except Exception:  # noqa: BLE001 - a screenshot is a courtesy, never the reason a test fails
            pass
    context.close()
    if not failed:
        assert not js_errors, f"JavaScript errors in the page: {js_errors}"
        assert not broken_assets, f"Static files that did not load: {broken_assets}"
