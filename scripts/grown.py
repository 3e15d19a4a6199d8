#!/usr/bin/env python
"""The grown set-up on one machine: PostgreSQL, Redis, gunicorn with several workers, two qcluster workers.

    DATABASE_URL=postgres://… REDIS_URL=redis://127.0.0.1:6379/1 SECRET_KEY=… \\
        .venv/bin/python scripts/grown.py run      # migrate, collectstatic, start all; Ctrl-C stops all
    .venv/bin/python scripts/grown.py start        # the same, in the background (returns once it answers)
    .venv/bin/python scripts/grown.py status       # which processes are alive, the web's answer, the clusters
    .venv/bin/python scripts/grown.py stop         # SIGTERM, then SIGKILL after --grace seconds

Processes: `web` (gunicorn interlab.wsgi, WEB_CONCURRENCY workers) and `worker-1`, `worker-2` (each one
`manage.py qcluster` with Q_WORKERS worker processes). Both qclusters read the same Redis queue: a task
is taken by whichever is free. django-q2 names a cluster after its queue (Q_CLUSTER_NAME would give each a
queue of its own), so the two are told apart by their process and their log, where each logs the name of
every task it processed. Pids and logs live in $INTERLAB_VAR_DIR/grown/ (var/grown/ by default).

Settings are interlab.settings.production unless DJANGO_SETTINGS_MODULE says otherwise. Static files are
collected into STATIC_ROOT (var/static) and served by gunicorn itself through WhiteNoise, proxy or not.

The module is also used by tests/grown and bench/load.py: `Grown(...).setup()`, `.start()`, `.stop()`.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MANAGE_PY = ROOT / "manage.py"
DEFAULT_SETTINGS = "interlab.settings.production"
WORKER_NAMES = ("worker-1", "worker-2")
GRACE_SECONDS = 20


def state_dir_for(env: dict) -> Path:
    return Path(env.get("INTERLAB_VAR_DIR") or ROOT / "var") / "grown"


class GrownError(RuntimeError):
    pass


class Grown:
    """Start, watch and stop the grown topology; every child in a session of its own, its output in a log."""

    def __init__(
        self,
        *,
        port: int = 8000,
        host: str = "127.0.0.1",
        web_workers: int | None = None,
        queue_workers: int | None = None,
        env: dict | None = None,
        python: str = sys.executable,
    ):
        self.env = dict(os.environ if env is None else env)
        self.env.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
        self.env["PYTHONUNBUFFERED"] = "1"
        self.env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        if web_workers is not None:
            self.env["WEB_CONCURRENCY"] = str(web_workers)
        if queue_workers is not None:
            self.env["Q_WORKERS"] = str(queue_workers)
        self.host, self.port, self.python = host, int(port), python
        self.state_dir = state_dir_for(self.env)
        self.logs = self.state_dir / "logs"
        self.pids = self.state_dir / "pids"
        self.children: dict[str, subprocess.Popen] = {}

    # --- configuration -------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def check_environment(self) -> None:
        missing = [name for name in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY") if not self.env.get(name)]
        if missing:
            raise GrownError(f"The grown set-up needs {', '.join(missing)} in the environment (see README).")
        if not self.env["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
            raise GrownError("The grown set-up runs on PostgreSQL: DATABASE_URL must be a postgres:// URL.")
        if not self.env["REDIS_URL"].startswith(("redis://", "rediss://", "unix://")):
            raise GrownError("REDIS_URL must be a redis:// URL.")

    def commands(self) -> dict[str, list[str]]:
        web_workers = self.env.get("WEB_CONCURRENCY") or str(2 * (os.cpu_count() or 1) + 1)
        web = [
            self.python,
            "-m",
            "gunicorn",
            "interlab.wsgi:application",
            "--bind",
            f"{self.host}:{self.port}",
            "--workers",
            web_workers,
            "--timeout",
            "60",
            "--graceful-timeout",
            "10",
            "--backlog",
            "512",
            "--access-logfile",
            str(self.logs / "web-access.log"),
            "--access-logformat",
            '%(h)s "%(r)s" %(s)s %(b)s %(M)sms pid=%(p)s',
            "--error-logfile",
            "-",
            # The control socket's default path is one per user: two set-ups on one machine would share it.
            "--no-control-socket",
        ]
        commands = {"web": web}
        for name in WORKER_NAMES:
            commands[name] = [self.python, str(MANAGE_PY), "qcluster"]
        return commands

    # --- set-up ----------------------------------------------------------------------------------------------

    def manage(self, *args: str, timeout: float = 600) -> str:
        """Run one manage.py command with this set-up's environment; its output is appended to logs/setup.log."""
        self.logs.mkdir(parents=True, exist_ok=True)
        result = subprocess.run(
            [self.python, str(MANAGE_PY), *args],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        with open(self.logs / "setup.log", "a") as log:
            log.write(f"$ manage.py {' '.join(args)}\n{result.stdout}{result.stderr}\n")
        if result.returncode:
            raise GrownError(f"manage.py {' '.join(args)} failed ({result.returncode}):\n{result.stderr[-4000:]}")
        return result.stdout

    def setup(self) -> None:
        """Migrate (which also creates the apps' schedules) and collect the static files into STATIC_ROOT."""
        self.check_environment()
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput", "--verbosity", "0")

    # --- processes -------------------------------------------------------------------------------------------

    def start(self, *, wait: float = 90) -> None:
        self.check_environment()
        if self.running_from_pidfiles():
            raise GrownError(f"The grown set-up already runs (pids in {self.pids}); stop it first.")
        self.logs.mkdir(parents=True, exist_ok=True)
        self.pids.mkdir(parents=True, exist_ok=True)
        for name, command in self.commands().items():
            with open(self.logs / f"{name}.log", "ab") as log:
                log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')} {' '.join(command)}\n".encode())
                log.flush()
                # A session of its own per child: the stop below can reach the child and everything it spawned.
                self.children[name] = subprocess.Popen(
                    command,
                    cwd=ROOT,
                    env=self.env,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            (self.pids / f"{name}.pid").write_text(f"{self.children[name].pid}\n")
        try:
            self.wait_ready(wait)
        except BaseException:
            self.stop()
            raise

    def wait_ready(self, timeout: float) -> None:
        """The web answers /login/ and both clusters report to Redis (each one's sentinel saves its status)."""
        deadline = time.monotonic() + timeout
        web_ok = clusters = False
        while time.monotonic() < deadline:
            for name, child in self.children.items():
                if child.poll() is not None:
                    raise GrownError(f"{name} exited ({child.returncode}) while starting:\n{self.log(name)}")
            web_ok = web_ok or self.web_answers()
            clusters = self.clusters_reporting()
            if web_ok and clusters >= len(WORKER_NAMES):
                return
            time.sleep(0.5)
        logs = "\n".join(f"== {name}\n{self.log(name)}" for name in self.children)
        raise GrownError(f"Not ready after {timeout:.0f} s (web answers: {web_ok}, clusters: {clusters}).\n{logs}")

    def web_answers(self) -> bool:
        request = urllib.request.Request(f"{self.url}/login/", headers={"X-Forwarded-Proto": "https"})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def clusters_reporting(self) -> int:
        """How many qclusters saved their status in Redis within the last seconds."""
        try:
            import redis

            connection = redis.from_url(self.env["REDIS_URL"], socket_timeout=5)
            return len(connection.keys("django_q:*:cluster:*"))
        except Exception:  # noqa: BLE001 - Redis not reachable yet counts as "none"
            return 0

    def log(self, name: str, tail: int = 6000) -> str:
        path = self.logs / f"{name}.log"
        return path.read_text(errors="replace")[-tail:] if path.exists() else "(no log)"

    def running_from_pidfiles(self) -> dict[str, int]:
        """The processes of a previous start that are still alive, from the pid files."""
        alive = {}
        for path in sorted(self.pids.glob("*.pid")) if self.pids.exists() else []:
            try:
                pid = int(path.read_text().strip())
            except ValueError:
                continue
            if is_ours(pid):
                alive[path.stem] = pid
            else:
                path.unlink(missing_ok=True)
        return alive

    def stop(self, *, grace: float = GRACE_SECONDS) -> list[int]:
        """SIGTERM each main process (gunicorn and qcluster stop their own children), then SIGKILL what is left.

        Only the main process gets SIGTERM: a SIGTERM to a whole qcluster group kills its sentinel outright
        and leaves the main process hung. Returns the pids that had to be killed.
        """
        pids = {name: child.pid for name, child in self.children.items()}
        pids.update(self.running_from_pidfiles())
        for pid in pids.values():
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline and any(group_alive(pid) for pid in pids.values()):
            for child in self.children.values():
                child.poll()  # reap our own children as they exit
            time.sleep(0.2)
        killed = []
        for pid in pids.values():
            if group_alive(pid):
                killed.append(pid)
                try:
                    os.killpg(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        for child in self.children.values():
            child.wait()
        for name in pids:
            (self.pids / f"{name}.pid").unlink(missing_ok=True)
        self.children = {}
        return killed


def group_members(pgid: int) -> list[int]:
    """Living (not zombie) processes of a process group."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def group_alive(pgid: int) -> bool:
    return bool(group_members(pgid))


def is_ours(pid: int) -> bool:
    """A pid from a pid file still names one of our processes (not a pid reused by something else)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except OSError:
        return False
    return b"gunicorn" in cmdline or b"qcluster" in cmdline


# --- command line -----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["run", "start", "stop", "status"])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument("--web-workers", type=int, help="gunicorn workers (WEB_CONCURRENCY, default 2 × cores + 1)")
    parser.add_argument("--queue-workers", type=int, help="worker processes per qcluster (Q_WORKERS, default 2)")
    parser.add_argument("--no-setup", action="store_true", help="skip migrate and collectstatic")
    parser.add_argument("--grace", type=float, default=GRACE_SECONDS, help="seconds between SIGTERM and SIGKILL")
    args = parser.parse_args()
    grown = Grown(
        port=args.port,
        host=args.host,
        web_workers=args.web_workers,
        queue_workers=args.queue_workers,
    )
    try:
        if args.action == "stop":
            killed = grown.stop(grace=args.grace)
            print("Stopped." + (f" Killed after {args.grace:.0f} s: {killed}" if killed else ""))
            return 0
        if args.action == "status":
            return status(grown)
        if not args.no_setup:
            print("Migrating and collecting static files…", flush=True)
            grown.setup()
        grown.start()
    except GrownError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"InterLab (grown) on {grown.url}/ — web + {', '.join(WORKER_NAMES)}; logs in {grown.logs}", flush=True)
    if args.action == "start":
        print(f"Stop with: {sys.executable} scripts/grown.py stop")
        grown.children = {}  # detached: the pid files are the record
        return 0
    return supervise(grown, args.grace)


def supervise(grown: Grown, grace: float) -> int:
    """Foreground: Ctrl-C or SIGTERM stops everything; if one process dies, the others are stopped too."""
    stopping = False

    def stop(signum=None, frame=None):
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    exit_code = 0
    try:
        while not stopping:
            for name, child in grown.children.items():
                if child.poll() is not None:
                    print(f"{name} stopped (exit {child.returncode}); stopping the rest.", file=sys.stderr)
                    exit_code = child.returncode or 1
                    stopping = True
            time.sleep(0.5)
    finally:
        killed = grown.stop(grace=grace)
        print("Web and workers stopped." + (f" Killed after {grace:.0f} s: {killed}" if killed else ""))
    return exit_code


def status(grown: Grown) -> int:
    alive = grown.running_from_pidfiles()
    names = ["web", *WORKER_NAMES]
    for name in names:
        print(f"{name:9} {'pid ' + str(alive[name]) if name in alive else 'not running'}")
    if grown.env.get("REDIS_URL"):
        print(f"clusters reporting to Redis: {grown.clusters_reporting()}")
    print(f"web answers on {grown.url}/login/: {grown.web_answers()}")
    return 0 if len(alive) == len(names) else 1


if __name__ == "__main__":
    sys.exit(main())
