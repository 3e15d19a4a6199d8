"""Start the web server and the django-q2 worker together, and stop both cleanly.

Ctrl-C or SIGTERM stops both children (SIGTERM, then SIGKILL after a grace period); if either child
dies, the other is stopped too, so no orphan worker is ever left behind.
"""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

GRACE_SECONDS = 8


class Command(BaseCommand):
    help = "Run the web server and the background worker together (development and single-machine set-up)."

    def add_arguments(self, parser):
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--no-worker", action="store_true", help="Start the web server only.")

    def handle(self, *args, port, host, no_worker, **options):
        manage = [sys.executable, os.path.abspath(sys.argv[0])]
        commands = {"web": [*manage, "runserver", f"{host}:{port}", "--noreload"]}
        if not no_worker:
            commands["worker"] = [*manage, "qcluster"]
        children: dict[str, subprocess.Popen] = {}
        stopping = False

        def stop(signum=None, frame=None):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        # Both children read the port: without SITE_URL set, the links the worker mails point at this server.
        env = {**os.environ, "PORT": str(port)}
        for name, command in commands.items():
            # A session of its own per child: signals reach the child and all it spawns, and only via us.
            children[name] = subprocess.Popen(command, start_new_session=True, env=env)
        self.stdout.write(self.style.SUCCESS(f"InterLab on http://{host}:{port}/ (Ctrl-C stops web and worker)"))
        exit_code = 0
        try:
            while not stopping:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(f"{name} stopped (exit {child.returncode}); stopping the rest.")
                        exit_code = child.returncode or 1
                        stopping = True
                time.sleep(0.3)
        finally:
            self._terminate(children)
        if exit_code:
            sys.exit(exit_code)

    def _terminate(self, children: dict[str, subprocess.Popen]) -> None:
        for child in children.values():
            if child.poll() is None:
                # Only the child itself: qcluster stops its own worker processes; a signal to its whole
                # group kills them under it and leaves the coordinator hanging on their lock.
                child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        for child in children.values():
            try:
                child.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for child in children.values():
            # Whatever is left of the group after the grace period is killed.
            try:
                os.killpg(child.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            child.wait()
        self.stdout.write("Web and worker stopped.")
