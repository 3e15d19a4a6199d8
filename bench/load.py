#!/usr/bin/env python
"""50 simultaneous users for 60 s against the grown set-up on PostgreSQL (gunicorn, two qclusters, Redis).

    .venv/bin/python bench/load.py                      # seeds var/bench/load once, then measures
    .venv/bin/python bench/load.py --users 50 --duration 60 --think 5   # users who read before clicking
    .venv/bin/python bench/load.py --rebuild            # throws the database away and seeds it again
    .venv/bin/python bench/load.py --background-cpu 1   # a quiet run, then the same with one core kept busy

The database is `bench_load` on the PostgreSQL server of BENCH_POSTGRES_URL (postgres://postgres@127.0.0.1:5432
by default), Redis is BENCH_REDIS_URL (redis://127.0.0.1:6379/6, flushed before each run), files, logs and the
seed's record live in var/bench/load/. The seed is the demo data plus 1,500 entrepreneurs with projects,
3,000 past bookings, and the simulated users: coaches, entrepreneurs (each with a project and a dossier)
and funders of the demo programme. The topology is started by scripts/grown.py with the production
settings, as the README's "Running in production" describes (the client plays the reverse proxy:
X-Forwarded-Proto: https).

Each simulated user is a thread with its own keep-alive connection, acting then waiting --think seconds on
average (uniform between half and one and a half of it; 1 s by default, people clicking on briskly; a person
reading the page first is nearer 5 s). A page costs 5-20 ms of CPU in the server: the coach board and the
funders' dashboard are kept rendered between changes (about 7 and 6 ms; 75 and 45 ms when drawn afresh), a
dossier about 16 ms (its checklist kept by content), booking 10-15 ms. On two cores the figures depend on what
else the machine runs (the load average before each run is printed): measure on a quiet machine. What users do:
- coach: the board (70 %) or one of their entrepreneurs' dossiers (30 %);
- entrepreneur: books a 1-hour slot in a room over the next days and cancels it (50 %; a 409 for a slot
  taken or a rule is an expected answer, counted apart, not an error), or views their dossier (50 %);
- funder: the impact dashboard.
Before the clock starts every user runs each of their scenarios once (warm-up, not counted). Errors are
transport failures, time-outs and any status other than the expected ones. Aim: p95 under 300 ms, no error.

--background-cpu N measures twice against the same servers: a quiet run, then a loaded run during which N
other processes (plain CPU loops, started before that run's warm-up and stopped after it) keep N cores busy,
as another program on the same machine would. The aim then applies to the loaded run.
The last line is one JSON object: rps, p95_ms, p50_ms, errors, conflicts and the same per scenario (of the
loaded run when there is one), p95_ms_quiet and p95_ms_loaded (null without --background-cpu), and with
--background-cpu the whole figures of each run under "quiet" and "loaded".
"""

import argparse
import importlib.util
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench" / "load"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS = "redis://127.0.0.1:6379/6"
DATABASE = "bench_load"
EXTRA_ENTREPRENEURS = 1_500
PAST_BOOKINGS = 3_000
SEED_VERSION = 1
BRUSSELS = ZoneInfo("Europe/Brussels")


def say(*args) -> None:
    print(*args, flush=True)


def database_url() -> str:
    base = urlsplit(os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
    return urlunsplit(base._replace(path=f"/{DATABASE}", query=""))


def secret_key() -> str:
    """One key per bench folder: the sessions the seed wrote stay valid for the servers of later runs."""
    path = VAR / "secret-key"
    if not path.exists():
        VAR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


def environment() -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="interlab.settings.production",
        DATABASE_URL=database_url(),
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS),
        SECRET_KEY=secret_key(),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        INTERLAB_VAR_DIR=str(VAR),
        LOG_LEVEL="WARNING",
    )
    return env


def prepare_database(rebuild: bool) -> None:
    import psycopg

    server = urlunsplit(urlsplit(database_url())._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        # Without its record (seed.json: the sessions and tokens, written with var/bench/load's key) the
        # database is of no use: it is made again.
        if exists and (rebuild or not (VAR / "seed.json").exists()):
            conn.execute(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
            exists = None
        if not exists:
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
            (VAR / "seed.json").unlink(missing_ok=True)


def load_launcher():
    spec = importlib.util.spec_from_file_location("interlab_grown_launcher", ROOT / "scripts" / "grown.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


# --- the seed (a subprocess with Django set up on the bench database) ----------------------------------------


def seed(users: int) -> dict:
    """Demo data, extra people and bookings, and the simulated users with their sessions and API tokens."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    from interlab.core.demo import seed_demo
    from interlab.core.models import Role, User
    from interlab.core.services import api_token_issue
    from interlab.crm import services as crm
    from interlab.crm.models import Entrepreneur, Programme, Project, Stage
    from interlab.dossiers import services as dossiers
    from interlab.tierslieu import rules
    from interlab.tierslieu.models import Booking, BookingStatus, Space

    started = time.perf_counter()
    rng = random.Random(20261124)
    call_command("migrate", verbosity=0, interactive=False)
    seed_demo()
    programmes = list(Programme.objects.all())
    stages = list(Stage.objects.order_by("order"))

    def user(username: str, role: str) -> User:
        person, _ = User.objects.get_or_create(
            username=username, defaults={"role": role, "email": f"{username}@example.org", "first_name": username}
        )
        return person

    coaches_n = max(1, round(users * 0.3))
    funders_n = max(1, round(users * 0.2))
    entrepreneurs_n = max(1, users - coaches_n - funders_n)
    coaches = [user(f"load.coach{i}", Role.COACH) for i in range(coaches_n)]
    funders = [user(f"load.funder{i}", Role.FUNDER) for i in range(funders_n)]
    for programme in programmes:
        programme.funders.add(*funders)

    say(f"  {EXTRA_ENTREPRENEURS} entrepreneurs with a project…")
    first_names = ["Amina", "Mehmet", "Olena", "Luc", "Fatou", "Jonas", "Sara", "Yusuf", "Marie", "Karim"]
    for start in range(0, EXTRA_ENTREPRENEURS, 250):
        with transaction.atomic():
            for i in range(start, min(EXTRA_ENTREPRENEURS, start + 250)):
                person = Entrepreneur.objects.create(
                    first_name=rng.choice(first_names),
                    last_name=f"Charge{i}",
                    email=f"charge{i}@example.org",
                    commune=rng.choice(["Liège", "Seraing", "Herstal", "Ans", "Verviers"]),
                )
                crm.project_create(
                    entrepreneur=person,
                    by=None,
                    title=f"Projet {i}",
                    coach=rng.choice(coaches),
                    programme=rng.choice(programmes) if programmes else None,
                )
    # Spread the projects over the pipeline as a running incubator's would be (board columns, figures).
    ids = list(Project.objects.filter(title__startswith="Projet ").values_list("pk", flat=True))
    rng.shuffle(ids)
    for index, stage in enumerate(stages[:6]):
        Project.objects.filter(pk__in=ids[index::6]).update(stage=stage)

    say(f"  {entrepreneurs_n} entrepreneurs who log in, each with a dossier…")
    entrepreneurs = []
    for i in range(entrepreneurs_n):
        account = user(f"load.entrepreneur{i}", Role.ENTREPRENEUR)
        person = Entrepreneur.objects.filter(user=account).first() or Entrepreneur.objects.create(
            user=account, first_name="Load", last_name=f"Entrepreneur{i}", email=f"load.e{i}@example.org"
        )
        project = person.projects.first() or crm.project_create(
            entrepreneur=person, by=None, title=f"Atelier {i}", coach=coaches[i % coaches_n]
        )
        dossier = project.dossiers.first() or dossiers.dossier_create(
            project=project, by=coaches[i % coaches_n], assess=False
        )
        entrepreneurs.append((account, dossier.pk, coaches[i % coaches_n]))

    say(f"  {PAST_BOOKINGS} past bookings…")
    rooms = list(Space.objects.filter(kind="room").order_by("pk"))
    booker_pool = [account for account, _, _ in entrepreneurs] + coaches
    today = rules.local(rules.now()).date()
    rows = []
    day = today - timedelta(days=1)
    while len(rows) < PAST_BOOKINGS:
        for space in Space.objects.all():
            for hour in (9, 11, 14, 16):
                if rng.random() < 0.5:
                    start = rules.at(day, datetime.min.time().replace(hour=hour))
                    end = start + timedelta(hours=1)
                    rows.append(
                        Booking(
                            space=space,
                            user=rng.choice(booker_pool),
                            title="Réunion",
                            start=start,
                            end=end,
                            blocks_until=end + space.buffer,
                            seats=1,
                            exclusive=space.is_exclusive,
                            status=BookingStatus.CONFIRMED,
                        )
                    )
        day -= timedelta(days=1)
    Booking.objects.bulk_create(rows[:PAST_BOOKINGS], batch_size=1000)

    def session(account: User) -> str:
        client = Client()
        client.force_login(account)
        return client.cookies[settings.SESSION_COOKIE_NAME].value

    coach_dossiers = defaultdict(list)
    for _, dossier, coach in entrepreneurs:
        coach_dossiers[coach.pk].append(dossier)
    simulated = (
        [{"role": "coach", "session": session(c), "dossiers": coach_dossiers[c.pk]} for c in coaches]
        + [
            {"role": "entrepreneur", "session": session(a), "token": api_token_issue(user=a), "dossiers": [d]}
            for a, d, _ in entrepreneurs
        ]
        + [{"role": "funder", "session": session(f)} for f in funders]
    )
    return {
        "version": SEED_VERSION,
        "users": simulated,
        "rooms": [room.pk for room in rooms],
        "entrepreneurs": Entrepreneur.objects.count(),
        "bookings": Booking.objects.count(),
        "seed_seconds": round(time.perf_counter() - started, 1),
    }


def ensure_seed(users: int, env: dict) -> dict:
    meta = VAR / "seed.json"
    if meta.exists():
        data = json.loads(meta.read_text())
        if data.get("version") == SEED_VERSION and len(data["users"]) >= users:
            say(f"Reusing the seeded database {DATABASE} ({data['entrepreneurs']} entrepreneurs).")
            return data
    say(f"Seeding {DATABASE} (once; --rebuild starts again)…")
    # seed_demo refuses to run with DEBUG off: the seed runs with the development settings, DEBUG on, on the
    # same database and with the same key as the servers (their sessions must validate there).
    seed_env = {**env, "DJANGO_SETTINGS_MODULE": "interlab.settings.dev", "DEBUG": "1"}
    subprocess.run([sys.executable, __file__, "--seed-only", "--users", str(users)], cwd=ROOT, env=seed_env, check=True)
    return json.loads(meta.read_text())


# --- the simulated users ------------------------------------------------------------------------------------


class Recorder:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(int)
        self.conflicts = defaultdict(int)
        self.samples: list[str] = []

    def record(self, scenario: str, ms: float, error: str | None = None, conflict: bool = False) -> None:
        with self.lock:
            self.times[scenario].append(ms)
            if error:
                self.errors[scenario] += 1
                if len(self.samples) < 10:
                    self.samples.append(f"{scenario}: {error}")
            if conflict:
                self.conflicts[scenario] += 1


class User:
    def __init__(self, base_url: str, profile: dict, rooms: list[int], rng: random.Random):
        import requests

        self.base, self.profile, self.rooms, self.rng = base_url, profile, rooms, rng
        self.http = requests.Session()
        # Secure cookies: the client behind the proxy sends them itself (requests keeps them for https only).
        self.http.headers.update(
            {"X-Forwarded-Proto": "https", "Cookie": f"sessionid={profile['session']}", "Accept-Language": "fr"}
        )

    def request(self, recorder, scenario, method, path, expected, conflict_ok=False, **kwargs):
        started = time.perf_counter()
        try:
            response = self.http.request(method, self.base + path, timeout=30, allow_redirects=False, **kwargs)
            status = response.status_code
            body = response.content
        except Exception as error:  # noqa: BLE001 - every transport failure is an error of the run
            recorder.record(scenario, (time.perf_counter() - started) * 1000, error=repr(error)[:200])
            return None
        ms = (time.perf_counter() - started) * 1000
        if status in expected:
            recorder.record(scenario, ms)
            return response
        if conflict_ok and status == 409:
            recorder.record(scenario, ms, conflict=True)
            return response
        recorder.record(scenario, ms, error=f"{method} {path} → {status} {body[:120]!r}")
        return None

    def scenarios(self) -> list[str]:
        return {
            "coach": ["coach_board"] * 7 + ["dossier_view"] * 3,
            "entrepreneur": ["booking"] * 5 + ["dossier_view"] * 5,
            "funder": ["funder_dashboard"],
        }[self.profile["role"]]

    def act(self, scenario: str, recorder: Recorder) -> None:
        if scenario == "coach_board":
            self.request(recorder, scenario, "GET", "/app/board/", {200})
        elif scenario == "funder_dashboard":
            self.request(recorder, scenario, "GET", "/app/impact/", {200})
        elif scenario == "dossier_view":
            dossier = self.rng.choice(self.profile["dossiers"])
            self.request(recorder, scenario, "GET", f"/app/dossiers/{dossier}/", {200})
        elif scenario == "booking":
            day = datetime.now(BRUSSELS).date() + timedelta(days=self.rng.randint(2, 6))
            start = datetime(day.year, day.month, day.day, self.rng.randint(9, 16), tzinfo=BRUSSELS)
            payload = {
                "space": self.rng.choice(self.rooms),
                "start": start.isoformat(),
                "end": (start + timedelta(hours=1)).isoformat(),
                "title": "Rendez-vous",
            }
            auth = {"Authorization": f"Bearer {self.profile['token']}"}
            response = self.request(
                recorder, scenario, "POST", "/api/v1/bookings", {201}, conflict_ok=True, json=payload, headers=auth
            )
            if response is not None and response.status_code == 201:
                booking = response.json()["id"]
                self.request(recorder, scenario, "DELETE", f"/api/v1/bookings/{booking}", {200, 204}, headers=auth)

    def run(self, recorder: Recorder, warm_up: Recorder, start_at: float, stop_at: float, think: float) -> None:
        for scenario in sorted(set(self.scenarios())):
            self.act(scenario, warm_up)
        while time.monotonic() < start_at:
            time.sleep(0.05)
        time.sleep(self.rng.uniform(0, think))  # users do not all click at the same instant
        while time.monotonic() < stop_at:
            self.act(self.rng.choice(self.scenarios()), recorder)
            time.sleep(self.rng.uniform(0.5 * think, 1.5 * think))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 1) if ordered else 0.0


def busy_loops(n: int) -> list[subprocess.Popen]:
    """N processes that do nothing but compute, each one core's worth of someone else's work."""
    code = "while True:\n    pass"
    return [subprocess.Popen([sys.executable, "-c", code], start_new_session=True) for _ in range(n)]


def stop_loops(loops: list[subprocess.Popen]) -> None:
    for loop in loops:
        loop.kill()
    for loop in loops:
        loop.wait(timeout=10)


def run_load(base_url: str, data: dict, users: int, duration: float, think: float) -> dict:
    rng = random.Random(7)
    load_average = [round(x, 2) for x in os.getloadavg()]  # what else the machine was doing
    profiles = data["users"]
    by_role = defaultdict(list)
    for profile in profiles:
        by_role[profile["role"]].append(profile)
    # The same mix as the seed (30 % coaches, 20 % funders, the rest entrepreneurs), whatever --users says.
    coaches_n, funders_n = max(1, round(users * 0.3)), max(1, round(users * 0.2))
    chosen = (
        by_role["coach"][:coaches_n]
        + by_role["funder"][:funders_n]
        + by_role["entrepreneur"][: max(1, users - coaches_n - funders_n)]
    )
    simulated = [User(base_url, profile, data["rooms"], random.Random(rng.random())) for profile in chosen]
    recorder, warm_up = Recorder(), Recorder()
    start_at = time.monotonic() + 30  # the warm-up's deadline: the clock starts for everyone at once
    threads = [
        threading.Thread(target=u.run, args=(recorder, warm_up, start_at, start_at + duration, think), daemon=True)
        for u in simulated
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=start_at + duration + 120 - time.monotonic())
    elapsed = duration + max(0.0, time.monotonic() - start_at - duration)
    everything = [ms for times in recorder.times.values() for ms in times]
    scenarios = {
        name: {
            "requests": len(times),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": percentile(times, 0.95),
            "max_ms": round(max(times), 1),
            "errors": recorder.errors[name],
            "conflicts": recorder.conflicts[name],
        }
        for name, times in sorted(recorder.times.items())
    }
    return {
        "users": len(simulated),
        "roles": {role: sum(1 for p in chosen if p["role"] == role) for role in ("coach", "entrepreneur", "funder")},
        "duration_s": round(elapsed, 1),
        "load_average": load_average,
        "think_s": think,
        "requests": len(everything),
        "rps": round(len(everything) / elapsed, 1),
        "p50_ms": round(statistics.median(everything), 1) if everything else None,
        "p95_ms": percentile(everything, 0.95),
        "errors": sum(recorder.errors.values()),
        "conflicts": sum(recorder.conflicts.values()),
        "warm_up_errors": sum(warm_up.errors.values()),
        "error_samples": recorder.samples + warm_up.samples,
        "scenarios": scenarios,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of measured load")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a user waits between actions")
    parser.add_argument("--web-workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8731)
    parser.add_argument(
        "--background-cpu",
        type=int,
        default=0,
        metavar="N",
        help="after a quiet run, measure again while N busy processes keep N cores busy",
    )
    parser.add_argument("--rebuild", action="store_true", help="drop the bench database and seed it again")
    parser.add_argument("--seed-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.seed_only:  # the seeding subprocess
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        data = seed(args.users)
        (VAR / "seed.json").write_text(json.dumps(data))
        say(f"  seeded in {data['seed_seconds']} s")
        return 0

    VAR.mkdir(parents=True, exist_ok=True)
    prepare_database(args.rebuild)
    env = environment()
    data = ensure_seed(args.users, env)
    import redis

    cache = redis.from_url(env["REDIS_URL"])
    cache.flushdb()
    launcher = load_launcher()
    grown = launcher.Grown(port=args.port, web_workers=args.web_workers, queue_workers=1, env=env)
    say(f"Starting the grown set-up: gunicorn × {args.web_workers} workers, two qclusters (logs in {grown.logs})…")
    grown.setup()
    grown.start(wait=180)
    runs = {}
    try:
        say(f"{args.users} users for {args.duration:.0f} s (think time {args.think} s), after a warm-up…")
        runs["quiet"] = run_load(grown.url, data, args.users, args.duration, args.think)
        report("quiet", runs["quiet"])
        if args.background_cpu > 0:
            say(f"\nThe same with {args.background_cpu} busy process(es) beside the servers, after a warm-up…")
            loops = busy_loops(args.background_cpu)
            try:
                runs["loaded"] = run_load(grown.url, data, args.users, args.duration, args.think)
            finally:
                stop_loops(loops)
            report(f"loaded (background CPU × {args.background_cpu})", runs["loaded"])
    finally:
        killed = grown.stop()
        cache.flushdb()
        if killed:
            say(f"(processes killed after the grace period: {killed})")

    final = runs.get("loaded", runs["quiet"])
    verdict = "met" if final["p95_ms"] < 300 and final["errors"] == 0 else "NOT met"
    if "loaded" in runs:
        say(
            f"\np95 quiet {runs['quiet']['p95_ms']} ms, loaded {runs['loaded']['p95_ms']} ms; "
            f"errors quiet {runs['quiet']['errors']}, loaded {runs['loaded']['errors']}; "
            f"aim (loaded p95 < 300 ms, no error) {verdict}"
        )
    else:
        say(f"aim (p95 < 300 ms, no error) {verdict}")
    for result in runs.values():
        result.pop("error_samples")
    summary = dict(final)
    summary.update(
        background_cpu=args.background_cpu,
        p95_ms_quiet=runs["quiet"]["p95_ms"],
        p95_ms_loaded=runs["loaded"]["p95_ms"] if "loaded" in runs else None,
        errors_quiet=runs["quiet"]["errors"],
        errors_loaded=runs["loaded"]["errors"] if "loaded" in runs else None,
        errors=sum(result["errors"] for result in runs.values()),
    )
    if "loaded" in runs:
        summary.update(quiet=runs["quiet"], loaded=runs["loaded"])
    say(json.dumps(summary))
    return 0


def report(title: str, result: dict) -> None:
    say(f"\n[{title}] load average before the run: {result['load_average']}")
    say(f"{'scenario':18} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'errors':>7} {'409s':>6}")
    for name, figures in result["scenarios"].items():
        say(
            f"{name:18} {figures['requests']:>8} {figures['p50_ms']:>8} {figures['p95_ms']:>8} "
            f"{figures['max_ms']:>8} {figures['errors']:>7} {figures['conflicts']:>6}"
        )
    say(
        f"{'all':18} {result['requests']:>8} {result['p50_ms']:>8} {result['p95_ms']:>8} {'':>8} "
        f"{result['errors']:>7} {result['conflicts']:>6}"
    )
    for sample in result["error_samples"]:
        say(f"  error: {sample}")
    say(f"{result['rps']} requests/s, p95 {result['p95_ms']} ms, {result['errors']} error(s)")


if __name__ == "__main__":
    sys.exit(main())
