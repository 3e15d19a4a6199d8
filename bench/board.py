#!/usr/bin/env python
"""Server time and query count of the pipeline board and of an entrepreneur's file, at two scales.

    .venv/bin/python bench/board.py            # builds var/bench/{small,large} if needed, then measures
    .venv/bin/python bench/board.py --rebuild  # throws both databases away and seeds them again

Each database is a throw-away SQLite file (DATABASE_URL and REDIS_URL are ignored). Django settings can
be configured once per process, so every database is measured in a subprocess of this script
(``bench/board.py --measure var/bench/large``) that prints one JSON line; this process collects them and
prints, as its very last line, one JSON object with the figures.
"""

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASES = [("small", ROOT / "var" / "bench" / "small", 100), ("large", ROOT / "var" / "bench" / "large", 100_000)]
DB_FILE = "interlab.sqlite3"
META_FILE = "seed.json"
SEED = 20260101
TARGET_BOARD_P50_MS = 150


def environment(var_dir: Path) -> dict:
    """What the measuring process runs with: dev settings, DEBUG off, a SQLite file in var_dir."""
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="interlab.settings.dev",
        DEBUG="0",  # as in production: no query log, no debug templates
        INTERLAB_VAR_DIR=str(var_dir),
        ALLOWED_HOSTS="testserver,127.0.0.1,localhost",
        LOG_LEVEL="WARNING",
    )
    return env


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(times: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "min_ms": round(min(times), 2),
        "max_ms": round(max(times), 2),
        "mean_ms": round(statistics.fmean(times), 2),
    }


# --- the measuring subprocess ---------------------------------------------------------------------------


def existing_count(db: Path) -> int | None:
    """Entrepreneurs in a database built earlier, or None if there is no usable one."""
    if not db.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT COUNT(*) FROM crm_entrepreneur").fetchone()[0]
    except sqlite3.Error:
        return None


def discard(var_dir: Path) -> None:
    for name in (DB_FILE, f"{DB_FILE}-wal", f"{DB_FILE}-shm", META_FILE):
        (var_dir / name).unlink(missing_ok=True)
    shutil.rmtree(var_dir / "private", ignore_errors=True)


def say(*args) -> None:
    print(*args, flush=True)


def sql_time(connection, sql: str, repeat: int = 3) -> float:
    """Median milliseconds to execute a read and fetch all of its rows (writes are not replayed: 0)."""
    if not sql.lstrip().upper().startswith("SELECT"):
        return 0.0
    times = []
    with connection.cursor() as cursor:
        for _ in range(repeat):
            started = time.perf_counter()
            cursor.execute(sql)
            cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)


def measure(var_dir: Path, wanted: int, rebuild: bool, runs: int, warmup: int) -> dict:
    var_dir.mkdir(parents=True, exist_ok=True)
    db = var_dir / DB_FILE
    count = existing_count(db)
    if rebuild or count != wanted:
        if count is not None:
            say(f"[{var_dir.name}] discarding the database ({count} entrepreneurs, {wanted} wanted)")
        discard(var_dir)
        count = None

    os.environ.update(environment(var_dir))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()

    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from interlab.core.models import Role, User
    from interlab.crm.models import Entrepreneur, Project, StageTransition

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    migrate_s = time.perf_counter() - started

    meta_path = var_dir / META_FILE
    reused = count is not None
    if not reused:
        say(f"[{var_dir.name}] seeding {wanted} entrepreneurs…")
        started = time.perf_counter()
        call_command("seed_scale", entrepreneurs=wanted, seed=SEED, batch=5000)
        seed_s = round(time.perf_counter() - started, 1)
        meta_path.write_text(json.dumps({"entrepreneurs": wanted, "seed_seconds": seed_s}))
    else:
        seed_s = json.loads(meta_path.read_text())["seed_seconds"] if meta_path.exists() else None
        say(f"[{var_dir.name}] reusing the database ({count} entrepreneurs)")

    coach, _created = User.objects.get_or_create(
        username="bench-coach", defaults={"role": Role.COACH, "first_name": "Bench", "last_name": "Coach"}
    )
    # The file of the person whose project went furthest: the longest stage history to show.
    longest = (
        StageTransition.objects.values("project_id")
        .order_by()
        .annotate(n=Count("id"))
        .order_by("-n", "project_id")
        .values_list("project_id", flat=True)
        .first()
    )
    entrepreneur_id = Project.objects.filter(pk=longest).values_list("entrepreneur_id", flat=True).first()

    client = Client()
    client.force_login(coach)
    urls = {"board": reverse("crm:board"), "file": reverse("crm:entrepreneur", args=[entrepreneur_id])}
    for url in urls.values():
        for _ in range(warmup):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"GET {url} answered {response.status_code}")

    result = {
        "db": var_dir.name,
        "entrepreneurs": Entrepreneur.objects.count(),
        "projects": Project.objects.count(),
        "transitions": StageTransition.objects.count(),
        "seed_seconds": seed_s,
        "reused": reused,
        "migrate_seconds": round(migrate_s, 1),
        "entrepreneur_id": entrepreneur_id,
    }
    for name, url in urls.items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        # Django times only cursor.execute(); on SQLite most of the work happens while fetching, so each
        # captured statement is run again here and timed up to its last row.
        queries = [{"ms": sql_time(connection, q["sql"]), "sql": q["sql"]} for q in captured.captured_queries]
        result[name] = {
            **summary(times),
            "runs": runs,
            "bytes": len(response.content),
            "queries": len(queries),
            "sql_ms": round(sum(q["ms"] for q in queries), 2),
            "slowest": sorted(queries, key=lambda q: -q["ms"])[:5],
        }
        if connection.vendor == "sqlite":
            for query in result[name]["slowest"][:3]:
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
                    query["plan"] = [row[-1] for row in cursor.fetchall()]
    return result


# --- the collecting process -----------------------------------------------------------------------------


def run_child(name: str, var_dir: Path, wanted: int, args) -> dict:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--measure",
        str(var_dir.relative_to(ROOT)),
        "--entrepreneurs",
        str(wanted),
        "--runs",
        str(args.runs),
        "--warmup",
        str(args.warmup),
    ]
    if args.rebuild:
        command.append("--rebuild")
    process = subprocess.Popen(
        command, cwd=ROOT, env=environment(var_dir), stdout=subprocess.PIPE, text=True, bufsize=1
    )
    last = ""
    for line in process.stdout:
        line = line.rstrip("\n")
        if line.startswith("{"):
            last = line
        else:
            print(f"  {line}", flush=True)
    if process.wait() != 0 or not last:
        raise SystemExit(f"measuring the {name} database failed (exit code {process.returncode})")
    return json.loads(last)


def report(result: dict) -> None:
    seeded = "reused" if result["reused"] else "seeded"
    seed = f"{result['seed_seconds']} s" if result["seed_seconds"] is not None else "unknown"
    print(
        f"\n== {result['db']}: {result['entrepreneurs']} entrepreneurs, {result['projects']} projects, "
        f"{result['transitions']} transitions ({seeded}; seeding took {seed}, migrate {result['migrate_seconds']} s)"
    )
    for name in ("board", "file"):
        page = result[name]
        print(
            f"  {name:5} p50 {page['p50_ms']:7.1f} ms  p95 {page['p95_ms']:7.1f} ms  "
            f"min {page['min_ms']:6.1f}  max {page['max_ms']:6.1f}  ({page['runs']} runs)  "
            f"{page['queries']} queries, {page['sql_ms']:.1f} ms in SQL, {page['bytes']} bytes"
        )
        for query in page["slowest"][:3]:
            print(f"      {query['ms']:6.2f} ms  {query['sql'][:160]}")
            for step in query.get("plan", []):
                print(f"                 plan: {step}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true", help="throw the databases away and seed them again")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page (default 30)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed requests per page first (default 5)")
    parser.add_argument("--measure", metavar="VAR_DIR", help=argparse.SUPPRESS)
    parser.add_argument("--entrepreneurs", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        var_dir = (ROOT / args.measure).resolve()
        wanted = args.entrepreneurs or {d.name: n for _name, d, n in DATABASES}.get(var_dir.name, 100)
        print(json.dumps(measure(var_dir, wanted, args.rebuild, args.runs, args.warmup)), flush=True)
        return

    results = {}
    for name, var_dir, wanted in DATABASES:
        print(f"[{name}] {wanted} entrepreneurs in {var_dir.relative_to(ROOT)}", flush=True)
        results[name] = run_child(name, var_dir, wanted, args)
    for result in results.values():
        report(result)

    small, large = results["small"], results["large"]
    figures = {
        "board_p50_ms": large["board"]["p50_ms"],
        "board_p95_ms": large["board"]["p95_ms"],
        "file_p50_ms": large["file"]["p50_ms"],
        "file_p95_ms": large["file"]["p95_ms"],
        "queries_small": small["board"]["queries"],
        "queries_large": large["board"]["queries"],
        "file_queries_small": small["file"]["queries"],
        "file_queries_large": large["file"]["queries"],
        "board_sql_ms_large": large["board"]["sql_ms"],
        "small_board_p50_ms": small["board"]["p50_ms"],
        "small_file_p50_ms": small["file"]["p50_ms"],
        "entrepreneurs_small": small["entrepreneurs"],
        "entrepreneurs_large": large["entrepreneurs"],
        "projects_large": large["projects"],
        "transitions_large": large["transitions"],
        "seed_seconds_small": small["seed_seconds"],
        "seed_seconds_large": large["seed_seconds"],
        "large_reused": large["reused"],
        "runs": args.runs,
        "sqlite": sqlite3.sqlite_version,
    }
    figures["board_target_met"] = figures["board_p50_ms"] < TARGET_BOARD_P50_MS
    figures["queries_constant"] = figures["queries_small"] == figures["queries_large"]
    print(
        f"\nboard p50 {figures['board_p50_ms']} ms with {figures['entrepreneurs_large']} entrepreneurs "
        f"(target < {TARGET_BOARD_P50_MS} ms: {'met' if figures['board_target_met'] else 'MISSED'}); "
        f"queries {figures['queries_small']} vs {figures['queries_large']} "
        f"({'constant' if figures['queries_constant'] else 'DIFFERENT'})"
    )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
