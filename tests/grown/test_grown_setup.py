"""The grown set-up, started for real: PostgreSQL, Redis (broker and cache), gunicorn with 3 workers, two qclusters.

scripts/grown.py migrates a fresh PostgreSQL database, collects the static files and starts the processes
with the production settings, as in production. The grown set-up is PostgreSQL by definition: on the
SQLite run of the suite this module creates its own database on the PostgreSQL server of
GROWN_POSTGRES_URL (postgres://postgres@127.0.0.1:5432 by default), on the PostgreSQL run on the server of
DATABASE_URL. Redis is 127.0.0.1:6379, database GROWN_TEST_REDIS_DB (5), flushed before and after: never
the database 0 a developer uses. Two runs of this module on one machine take turns (a lock file); within one
run, its tests share one xdist worker (tests/parallel.py).

The rows are written by a process of the set-up itself (tests/grown/seed.py); everything else goes through
HTTP as a client behind the reverse proxy would (X-Forwarded-Proto: https), and is checked in the database
and in Redis. On failure, the messages carry the processes' logs.
"""

import fcntl
import importlib.util
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import brotli
import psycopg
import pytest
import redis

ROOT = Path(__file__).resolve().parents[2]


def _launcher():
    """scripts/grown.py, the launcher people use, loaded as a module (scripts/ is not a package)."""
    spec = importlib.util.spec_from_file_location("interlab_grown_launcher", ROOT / "scripts" / "grown.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


launcher = _launcher()
WORKER_NAMES, Grown, GrownError, group_members = (
    launcher.WORKER_NAMES,
    launcher.Grown,
    launcher.GrownError,
    launcher.group_members,
)

pytestmark = pytest.mark.e2e

RACERS = 50
DOSSIERS = 12
REDIS_DB = int(os.environ.get("GROWN_TEST_REDIS_DB", "5"))
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
START_SECONDS = 240
BUILD_SECONDS = 180
HTTP_TIMEOUT = 120
TURN_SECONDS = 900
SECRET = "grown-test-only-" + "k" * 60


def postgres_server_url() -> str:
    """The maintenance database of the PostgreSQL server to create the set-up's database on."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = os.environ.get("GROWN_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    return urlunsplit(urlsplit(url)._replace(path="/postgres", query=""))


def free_port() -> int:
    """A free port for gunicorn, taken below the kernel's ephemeral range.

    gunicorn binds it a moment after this probe. A port the kernel hands out (port 0: live servers and moto in
    the other test processes; every outgoing connection) could be taken in between; one below that range is
    only ever taken by a program that names it.
    """
    low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    ports = range(max(1024, low - 10_000), low)
    for port in random.sample(ports, min(200, len(ports))):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    pytest.fail(f"no free port found below {low}", pytrace=False)


def redis_connection() -> redis.Redis:
    connection = redis.from_url(REDIS_URL, socket_timeout=10)
    try:
        connection.ping()
    except redis.ConnectionError as error:
        pytest.fail(
            f"The grown set-up needs Redis on 127.0.0.1:6379 ({error}). Start it with: redis-server --daemonize yes "
            '--bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no (.ci/run does).',
            pytrace=False,
        )
    return connection


def all_logs(grown: Grown, names=("web", *WORKER_NAMES)) -> str:
    return "\n".join(f"===== {name}\n{grown.log(name)}" for name in names)


@pytest.fixture(scope="module")
def redis_database_to_ourselves():
    """Redis database 5 is one per machine: another run of this module at the same time (a second checkout, a
    developer's `make test` beside CI's) would flush it and its qclusters would take this set-up's tasks from
    the shared queue. Runs on one machine take turns, through a lock file (released when the file closes,
    whatever ends the run)."""
    path = Path(tempfile.gettempdir()) / f"interlab-grown-test-redis-{REDIS_DB}.lock"
    with open(path, "a") as lock:
        deadline = time.monotonic() + TURN_SECONDS
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    pytest.fail(f"another run of this test held {path} for {TURN_SECONDS} s", pytrace=False)
                time.sleep(1)
        yield


@pytest.fixture(scope="module")
def setup(tmp_path_factory, redis_database_to_ourselves):
    cache = redis_connection()
    server = postgres_server_url()
    name = f"grown_test_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    database_url = urlunsplit(urlsplit(server)._replace(path=f"/{name}"))
    cache.flushdb()
    var = tmp_path_factory.mktemp("grown") / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="interlab.settings.production",
        DATABASE_URL=database_url,
        REDIS_URL=REDIS_URL,
        SECRET_KEY=SECRET,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        INTERLAB_VAR_DIR=str(var),
        LOG_LEVEL="INFO",  # each qcluster logs the tasks it processed at INFO
    )
    grown = Grown(port=free_port(), web_workers=3, queue_workers=1, env=env)
    try:
        try:
            grown.setup()
            grown.start(wait=START_SECONDS)
        except GrownError as error:
            pytest.fail(
                f"The grown set-up did not start: {error}\n{all_logs(grown, ('setup', 'web', *WORKER_NAMES))}",
                pytrace=False,
            )
        seeded = subprocess.run(
            [sys.executable, "-m", "tests.grown.seed", json.dumps({"racers": RACERS, "dossiers": DOSSIERS})],
            cwd=ROOT,
            env=grown.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert seeded.returncode == 0, f"seeding failed:\n{seeded.stderr[-4000:]}"
        data = json.loads(seeded.stdout.strip().splitlines()[-1])
        yield SimpleNamespace(grown=grown, data=data, database_url=database_url, cache=cache, var=var)
    finally:
        pids = [child.pid for child in grown.children.values()]
        grown.stop()
        cache.flushdb()
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        left = [pid for pgid in pids for pid in group_members(pgid)]
        assert not left, f"processes left behind: {left}"


def call(setup, method: str, path: str, token: str | None = None, body: dict | None = None, accept_encoding=None):
    """One request as the reverse proxy forwards it; returns (status, parsed JSON or raw bytes, headers)."""
    headers = {"X-Forwarded-Proto": "https", "Accept": "application/json"}
    if accept_encoding:
        headers["Accept-Encoding"] = accept_encoding
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(f"{setup.grown.url}{path}", data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=HTTP_TIMEOUT) as response:
            status, raw, got = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, got = error.code, error.read(), error.headers
    if status >= 500:
        pytest.fail(f"{method} {path} → {status}\n{raw[:2000]!r}\n{all_logs(setup.grown)}", pytrace=False)
    parsed = raw
    if got.get("Content-Type", "").startswith("application/json"):
        parsed = json.loads(raw)
    return status, parsed, got


def query(setup, sql: str, params=()) -> list[tuple]:
    with psycopg.connect(setup.database_url) as conn:
        return conn.execute(sql, params).fetchall()


def test_fifty_simultaneous_bookings_of_one_slot_through_gunicorn_make_exactly_one(setup):
    day = datetime.now(ZoneInfo("Europe/Brussels")).date() + timedelta(days=2)
    start = datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    payload = {
        "space": setup.data["room"],
        "start": start.isoformat(),
        "end": (start + timedelta(hours=1)).isoformat(),
        "title": "Course",
    }
    barrier = threading.Barrier(RACERS)
    results: list[tuple[int, object]] = []
    lock = threading.Lock()

    def book(token: str) -> None:
        barrier.wait()
        status, body, _ = call(setup, "POST", "/api/v1/bookings", token, payload)
        with lock:
            results.append((status, body))

    threads = [threading.Thread(target=book, args=(token,)) for token in setup.data["racer_tokens"]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    counts = Counter(status for status, _ in results)
    assert counts == Counter({201: 1, 409: RACERS - 1}), f"{counts}: {[b for s, b in results if s not in (201, 409)]}"
    assert all(body["rule"] in ("overlap", "capacity") for status, body in results if status == 409)
    active = query(
        setup,
        "SELECT count(*) FROM tierslieu_booking WHERE space_id = %s AND status IN ('held', 'pending', 'confirmed')",
        [setup.data["room"]],
    )
    assert active == [(1,)]
    # Several gunicorn workers answered (the access log carries the pid of the worker that served each request).
    served_by = set(re.findall(r'"POST /api/v1/bookings HTTP/1.1" \d+ .* pid=<?(\d+)', setup.grown.log("web-access")))
    assert len(served_by) >= 2, f"one gunicorn worker served the whole race: {served_by}"


def test_a_coach_runs_the_matching_publishes_and_the_mentor_accepts(setup):
    coach, mentor = setup.data["coach_token"], setup.data["mentor_token"]
    status, run, _ = call(setup, "POST", "/api/v1/matching/runs", coach, {"seed": 7})
    assert status == 201, run
    proposal = next(
        (p for p in run["proposals"] if _id(p["mentee"]) == setup.data["mentee"]),
        None,
    )
    assert proposal is not None, f"no proposal for the mentee: {run['proposals']}"
    assert _id(proposal["mentor"]) == setup.data["mentor"] and proposal["reasons"]

    status, published, _ = call(setup, "POST", f"/api/v1/matches/{proposal['id']}/publish", coach)
    assert status == 200 and published["status"] == "offered", published
    status, accepted, _ = call(setup, "POST", f"/api/v1/matches/{proposal['id']}/accept", mentor)
    assert status == 200, accepted
    status, seen, _ = call(setup, "GET", f"/api/v1/matches/{proposal['id']}", coach)
    assert status == 200 and seen["status"] in ("accepted", "active"), seen
    status, again, _ = call(setup, "POST", f"/api/v1/matches/{proposal['id']}/accept", mentor)
    assert status == 409, again


def _id(value) -> int:
    return value["id"] if isinstance(value, dict) else value


def test_dossier_builds_are_spread_over_both_qcluster_workers(setup):
    coach = setup.data["coach_token"]
    for dossier in setup.data["dossiers"]:
        status, body, _ = call(setup, "POST", f"/api/v1/dossiers/{dossier}/pdf", coach)
        assert status == 202 and body["task"], body

    pending = set(setup.data["dossiers"])
    deadline = time.monotonic() + BUILD_SECONDS
    while pending and time.monotonic() < deadline:
        for dossier in sorted(pending):
            status, body, headers = call(setup, "GET", f"/api/v1/dossiers/{dossier}/pdf", coach)
            if status == 200:
                assert headers["Content-Type"] == "application/pdf" and body[:5] == b"%PDF-", body[:200]
                pending.discard(dossier)
            else:
                assert status == 404, body
        for name, child in setup.grown.children.items():
            if child.poll() is not None:
                pytest.fail(f"{name} exited ({child.returncode}):\n{all_logs(setup.grown)}", pytrace=False)
        time.sleep(1)
    if pending:
        pytest.fail(f"no PDF after {BUILD_SECONDS} s for dossiers {sorted(pending)}\n{all_logs(setup.grown)}")

    # django-q2 records the cluster's name on each task: one queue, one name ("interlab") for both workers.
    # Each qcluster logs the name of every task it processed, so its own log tells which builds it ran.
    rows = query(
        setup, "SELECT name, success, cluster FROM django_q_task WHERE func = 'interlab.dossiers.tasks.build_pdf'"
    )
    assert len(rows) == DOSSIERS and all(success for _, success, _ in rows), rows
    names = {name for name, _, _ in rows}
    ran = {worker: {n for n in names if f"({n})" in setup.grown.log(worker, tail=10**7)} for worker in WORKER_NAMES}
    assert ran[WORKER_NAMES[0]] | ran[WORKER_NAMES[1]] == names, f"builds in no worker's log: {ran}"
    assert not ran[WORKER_NAMES[0]] & ran[WORKER_NAMES[1]], f"a build ran twice: {ran}"
    assert all(ran.values()), f"one worker did all the builds: {ran}\n{all_logs(setup.grown)}"


def test_the_cache_and_the_broker_are_redis(setup):
    status, body, _ = call(setup, "GET", "/api/v1/impact/summary", setup.data["coach_token"])
    assert status == 200, body
    keys = {key.decode() for key in setup.cache.keys("*")}
    # Django's Redis cache prefixes keys with ":<version>:"; the impact figures' version is set by the web.
    assert ":1:impact:figures-version" in keys, sorted(keys)[:50]
    # Each qcluster's sentinel saves its status in the broker's Redis database every few seconds.
    assert len(setup.cache.keys("django_q:interlab:cluster:*")) == len(WORKER_NAMES), sorted(keys)[:50]
    # The health check sees the database, the Redis cache and both workers.
    status, health, _ = call(setup, "GET", "/healthz")
    assert status == 200 and health["database"] == health["cache"] == "ok", health
    assert health["workers"] == len(WORKER_NAMES), health


def test_gunicorn_serves_the_collected_static_files_compressed_and_cacheable(setup):
    static = setup.var / "static"
    hashed = json.loads((static / "staticfiles.json").read_text())["paths"]["css/interlab.css"]
    status, body, headers = call(setup, "GET", f"/static/{hashed}", accept_encoding="gzip, br")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert (
        headers["Content-Encoding"] == "br"
        and brotli.decompress(body) == (static / "css" / "interlab.css").read_bytes()
    )
    assert "immutable" in headers["Cache-Control"], headers["Cache-Control"]
    status, _, _ = call(setup, "GET", "/static/../settings/base.py")
    assert status in (400, 404)  # gunicorn refuses the path, or WhiteNoise and Django find nothing there


def test_stopping_leaves_no_process_behind(setup):
    pids = [child.pid for child in setup.grown.children.values()]
    assert len(pids) == 1 + len(WORKER_NAMES)
    workers = [pid for pgid in pids for pid in group_members(pgid)]
    assert len(workers) > len(pids), "gunicorn and the qclusters run their own worker processes"
    setup.grown.stop()
    left = [pid for pgid in pids for pid in group_members(pgid)]
    assert not left, f"processes left behind after stop: {left}"
    assert not list(setup.grown.pids.glob("*.pid")), "stale pid files"
