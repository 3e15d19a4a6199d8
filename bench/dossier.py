#!/usr/bin/env python
"""Build time of a 30-page professional-card dossier with 10 annexes, and what 20 queued builds do to the web.

    .venv/bin/python bench/dossier.py

A throw-away SQLite database in var/bench/dossier (DATABASE_URL and REDIS_URL are ignored). Steps:
1. a subprocess (``--setup``) migrates, seeds 20 dossiers (long texts, 10 annexes each, PDF and images) and
   times 3 builds of one of them in-process (``build_seconds`` is their median);
2. gunicorn serves the site; the dossier page is fetched sequentially to get the web median alone;
3. 20 builds are queued at once and a real ``manage.py qcluster`` (one worker) runs them while the page is
   fetched again, in alternating 2-second slices with the worker running or paused (SIGSTOP), so that other
   load on a shared machine weighs on both sides alike; ``web_p50_slowdown`` is the median with the worker
   running divided by the median with it paused (plus 40 requests before the builds).
The last line printed is one JSON object with the figures.
"""

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench" / "dossier"
DOSSIERS = 20
ANNEXES = 10
TARGET_BUILD_SECONDS = 3.0
TARGET_SLOWDOWN = 1.20
BASELINE_REQUESTS = 40
SLICE_SECONDS = 2.0


def environment() -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="interlab.settings.dev",
        DEBUG="0",
        INTERLAB_VAR_DIR=str(VAR),
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        LOG_LEVEL="WARNING",
        Q_WORKERS="1",
        PYTHONUNBUFFERED="1",
    )
    return env


def say(*args) -> None:
    print(*args, flush=True)


# --- the setup subprocess --------------------------------------------------------------------------------


def setup() -> dict:
    os.environ.update(environment())
    sys.path.insert(0, str(ROOT))
    import logging

    import django

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    logging.getLogger("fontTools").setLevel(logging.WARNING)

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from interlab.core.models import Role, User
    from interlab.crm import services as crm_services
    from interlab.dossiers import pdf, services
    from interlab.dossiers.checklist import rules_for
    from interlab.dossiers.models import Dossier, DossierBuild

    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    coach = User.objects.create(username="bench-coach", role=Role.COACH, first_name="Bench", last_name="Coach")
    annex_pdfs = [_text_pdf(f"Annexe {n}", pages=1 + n % 2) for n in range(ANNEXES)]
    image = _png()
    paragraph = (
        "Notre service traiteur prépare des plats d'Afrique de l'Ouest pour les entreprises et les familles de "
        "Liège, avec des produits locaux et de saison, en cuisine partagée puis dans un local propre. "
    )
    dossier_ids = []
    for index in range(DOSSIERS):
        person = crm_services.entrepreneur_create(
            by=coach, first_name=f"Personne{index}", last_name="Banc", email=f"p{index}@bench.local"
        )
        project = crm_services.project_create(entrepreneur=person, by=coach, title=f"Traiteur {index}", coach=coach)
        dossier = services.dossier_create(project=project, by=coach, exemption=None, assess=True)
        services.dossier_update(
            dossier=dossier,
            by=coach,
            project_summary=paragraph * 40,
            market=paragraph * 40,
            business_plan=paragraph * 60,
            interest=dict.fromkeys(
                ("jobs", "investment", "innovation", "local_need", "social_cultural"), paragraph * 12
            ),
            jobs_planned=3,
            finance={
                "uses": [{"label": f"Poste {n}", "amount": "1000"} for n in range(12)],
                "sources": [{"kind": "microcredit", "label": "microStart", "amount": "12000"}],
                "forecast": [{"revenue": "50000", "costs": "30000", "founder_income": "15000"}] * 3,
            },
        )
        for rule in rules_for(dossier):
            services.item_set(dossier=dossier, by=coach, key=rule.key, state="provided", document_date=django_today())
        for n in range(ANNEXES):
            if n % 5 == 4:
                upload = SimpleUploadedFile(f"photo{n}.png", image, content_type="image/png")
            else:
                upload = SimpleUploadedFile(f"annexe{n}.pdf", annex_pdfs[n], content_type="application/pdf")
            services.annex_add(dossier=dossier, by=coach, uploaded=upload, title=f"Pièce justificative {n + 1}")
        dossier_ids.append(dossier.pk)

    dossier = Dossier.objects.get(pk=dossier_ids[0])
    times, pages = [], 0
    for _ in range(3):
        build = DossierBuild.objects.create(dossier=dossier, requested_by=coach)
        started = time.perf_counter()
        result = pdf.build_run(build.pk)
        times.append(time.perf_counter() - started)
        if result["state"] != "done":
            raise SystemExit(f"the build failed: {result}")
        pages = result["pages"]
    DossierBuild.objects.all().delete()

    session = SessionStore()
    session[SESSION_KEY] = str(coach.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = coach.get_session_auth_hash()
    session.create()
    return {
        "build_seconds": round(statistics.median(times), 3),
        "build_runs": [round(t, 3) for t in times],
        "pages": pages,
        "annexes": ANNEXES,
        "dossiers": dossier_ids,
        "session": session.session_key,
        "cookie": settings.SESSION_COOKIE_NAME,
    }


def django_today():
    from django.utils import timezone

    return timezone.localdate()


def _text_pdf(title: str, pages: int) -> bytes:
    import weasyprint

    body = "".join(
        f"<h1 style='page-break-before: always'>{title} — page {n}</h1><p>Pièce justificative.</p>"
        for n in range(pages)
    )
    return weasyprint.HTML(string=f"<html><body>{body}</body></html>").write_pdf()


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (180, 120, 60)).save(out, format="PNG")
    return out.getvalue()


# --- the measuring process -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(port: int, path: str, cookie: str) -> float:
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    response.read()
    conn.close()
    if response.status != 200:
        raise SystemExit(f"GET {path} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def wait_for_port(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the web server exited")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the web server did not start")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def queue_builds(dossier_ids: list[int]) -> None:
    """Queue one build per dossier from a separate process, as 20 people clicking at once would."""
    code = (
        "import django, json, sys; django.setup();"
        "from interlab.core.models import User; from interlab.dossiers import services;"
        "from interlab.dossiers.models import Dossier;"
        "coach = User.objects.get(username='bench-coach');"
        "[services.pdf_request(dossier=d, by=coach) for d in Dossier.objects.filter(pk__in=json.loads(sys.argv[1]))]"
    )
    subprocess.run([sys.executable, "-c", code, json.dumps(dossier_ids)], cwd=ROOT, env=environment(), check=True)


def builds_left() -> int:
    import sqlite3

    with sqlite3.connect(VAR / "interlab.sqlite3", timeout=20) as conn:
        return conn.execute(
            "SELECT COUNT(*) FROM dossiers_dossierbuild WHERE state IN ('queued', 'running')"
        ).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--nice", type=int, default=0, help="extra niceness of the whole worker (default 0)")
    args = parser.parse_args()
    if args.setup:
        print(json.dumps(setup()))
        return

    shutil.rmtree(VAR, ignore_errors=True)
    VAR.mkdir(parents=True)
    say("setting up 20 dossiers with 10 annexes each and timing the build…")
    out = subprocess.run(
        [sys.executable, __file__, "--setup"], cwd=ROOT, env=environment(), capture_output=True, text=True
    )
    if out.returncode != 0:
        say(out.stdout[-3000:], out.stderr[-3000:])
        raise SystemExit("setup failed")
    info = json.loads(out.stdout.strip().splitlines()[-1])
    say(f"build: {info['build_seconds']} s median of {info['build_runs']} for {info['pages']} pages, {ANNEXES} annexes")

    port = free_port()
    cookie = f"{info['cookie']}={info['session']}"
    web = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "interlab.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=environment(),
        start_new_session=True,
    )
    worker = None
    try:
        wait_for_port(port, web)
        paths = [f"/app/dossiers/{pk}/" for pk in info["dossiers"][:5]] + ["/app/dossiers/"]
        for path in paths:  # warm-up
            fetch(port, path, cookie)
        alone = [fetch(port, paths[i % len(paths)], cookie) for i in range(BASELINE_REQUESTS)]
        queue_builds(info["dossiers"])
        command = [sys.executable, str(ROOT / "manage.py"), "qcluster"]
        if args.nice:
            command = ["nice", "-n", str(args.nice), *command]
        worker = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        # A/B in alternating slices: the worker group runs (builds) or is paused (SIGSTOP), and the page is
        # fetched throughout. Whatever else loads the machine then weighs on both sides alike.
        started = time.perf_counter()
        during, i, running = [], 0, True
        while builds_left() and time.perf_counter() - started < 900:
            slice_end = time.perf_counter() + SLICE_SECONDS
            while time.perf_counter() < slice_end:
                (during if running else alone).append(fetch(port, paths[i % len(paths)], cookie))
                i += 1
            running = not running
            os.killpg(worker.pid, signal.SIGCONT if running else signal.SIGSTOP)
        os.killpg(worker.pid, signal.SIGCONT)
        drain_seconds = time.perf_counter() - started
        left = builds_left()
        stop(worker)
        worker = None
    finally:
        if worker is not None:
            stop(worker)
        stop(web)

    import sqlite3

    with sqlite3.connect(VAR / "interlab.sqlite3") as conn:
        done = conn.execute("SELECT COUNT(*) FROM dossiers_dossierbuild WHERE state = 'done'").fetchone()[0]
    p50_alone, p50_during = statistics.median(alone), statistics.median(during) if during else float("nan")
    slowdown = p50_during / p50_alone
    say(f"web p50 alone (before, and in paused slices): {p50_alone:.1f} ms over {len(alone)} requests")
    say(
        f"web p50 during {DOSSIERS} queued builds: {p50_during:.1f} ms over {len(during)} requests (worker nice {args.nice})"
    )
    say(f"{done} builds done in {drain_seconds:.1f} s, {left} left")
    result = {
        "build_seconds": info["build_seconds"],
        "pages": info["pages"],
        "annexes": ANNEXES,
        "build_target_seconds": TARGET_BUILD_SECONDS,
        "web_p50_alone_ms": round(p50_alone, 2),
        "web_p50_during_ms": round(p50_during, 2),
        "web_p50_slowdown": round(slowdown, 3),
        "slowdown_target": TARGET_SLOWDOWN,
        "queued_builds": DOSSIERS,
        "builds_done": done,
        "drain_seconds": round(drain_seconds, 1),
        "worker_nice": args.nice,
        "requests_during": len(during),
        "requests_alone": len(alone),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
