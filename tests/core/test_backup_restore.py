"""`make backup` then `make restore` into a fresh database: the impact figures and the private files come back equal.

Each test makes its own databases (PostgreSQL on 127.0.0.1:5432 whatever DATABASE_URL says, or SQLite files)
and folders, seeds a small world in a subprocess, and reads the figures of the source and of the copy in
subprocesses pointed at each.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = "postgres://postgres@127.0.0.1:5432"


class Site:
    """One installation: a database URL and its own var/ folder (media, private files, backups)."""

    def __init__(self, database_url: str, var_dir: Path):
        self.database_url, self.var_dir = database_url, var_dir
        var_dir.mkdir(parents=True, exist_ok=True)

    def env(self) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            # Nothing of the calling run leaks in: its database, cache, buckets, or an outer make's variables.
            if not key.startswith(("S3_", "DATABASE_URL", "REDIS_URL", "INTERLAB_", "BACKUP_DIR", "MAKE", "MFLAGS"))
        }
        return {
            **env,
            "DJANGO_SETTINGS_MODULE": "interlab.settings.test",
            "DATABASE_URL": self.database_url,
            "INTERLAB_VAR_DIR": str(self.var_dir),
            "BACKUP_DIR": str(self.var_dir / "backups"),
        }

    def run(self, *command: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run(command, cwd=ROOT, env=self.env(), capture_output=True, text=True, timeout=600)
        if check:
            assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
        return result

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self.run(sys.executable, "manage.py", *args, check=check)

    def world(self, action: str) -> dict:
        return json.loads(self.run(sys.executable, "-m", "tests.core.backup_world", action).stdout.splitlines()[-1])

    def make(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self.run("make", "--no-print-directory", *args, check=check)


def seeded(site: Site) -> dict:
    site.manage("migrate", "--noinput", "-v0")
    site.manage("createcachetable")
    seeded = site.world("seed")
    assert seeded["people"] and seeded["impact_follow_ups"] and seeded["impact_financings"], seeded
    return site.world("figures")


def backed_up(site: Site) -> Path:
    output = site.make("backup").stdout
    folder = Path(output.strip().splitlines()[-1].removeprefix("Backup written to ").strip())
    assert folder.parent == site.var_dir / "backups" and (folder / "manifest.json").is_file(), output
    return folder


def assert_same_world(before: dict, after: dict) -> None:
    assert after["impact"] == before["impact"]
    assert after["private_files"] == before["private_files"]
    assert after["stored"] == before["stored"]


def create_database(name: str) -> str:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{POSTGRES}/{name}"


def drop_database(name: str) -> None:
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def postgres_backup(tmp_path_factory):
    """A seeded PostgreSQL source, its figures and files, and its backup made by `make backup`."""
    name = f"interlab_backup_{os.getpid()}_source"
    source = Site(create_database(name), tmp_path_factory.mktemp("source"))
    try:
        before = seeded(source)
        yield before, backed_up(source)
    finally:
        drop_database(name)


@pytest.fixture
def fresh_postgres(tmp_path):
    name = f"interlab_backup_{os.getpid()}_restored"
    yield Site(create_database(name), tmp_path / "restored")
    drop_database(name)


def query(site: Site, sql: str):
    with psycopg.connect(site.database_url) as connection:
        return connection.execute(sql).fetchall()


def test_a_postgresql_backup_restores_into_a_fresh_database_with_the_same_figures(postgres_backup, fresh_postgres):
    before, folder = postgres_backup
    assert before["private_files"], "the world holds personal files"
    assert any(name.startswith("default:") for name in before["stored"]), "and public media"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["database"]["vendor"] == "postgresql" and (folder / "database.pgdump").stat().st_size > 0
    assert manifest["files"]["private"]["count"] == len(before["private_files"])
    assert oct(folder.stat().st_mode & 0o777) == "0o700", "personal data: the backup folder is the owner's only"

    fresh_postgres.make("restore", f"BACKUP={folder}")
    assert_same_world(before, fresh_postgres.world("figures"))


def test_a_restore_refuses_a_database_that_holds_data_unless_forced(postgres_backup, fresh_postgres):
    before, folder = postgres_backup
    with psycopg.connect(fresh_postgres.database_url) as connection:
        connection.execute("CREATE TABLE ledger (entry text)")
        connection.execute("INSERT INTO ledger VALUES ('another application')")

    refused = fresh_postgres.make("restore", f"BACKUP={folder}", check=False)
    assert refused.returncode != 0
    assert "not empty" in refused.stderr and "FORCE=1" in refused.stderr
    assert query(fresh_postgres, "SELECT entry FROM ledger") == [("another application",)], "left as it was"
    assert not query(fresh_postgres, "SELECT 1 FROM pg_tables WHERE tablename = 'crm_entrepreneur'")

    fresh_postgres.make("restore", f"BACKUP={folder}", "FORCE=1")
    assert_same_world(before, fresh_postgres.world("figures"))
    assert not query(fresh_postgres, "SELECT 1 FROM pg_tables WHERE tablename = 'ledger'"), "replaced, not mixed"


def test_an_incomplete_backup_is_refused_before_anything_is_touched(fresh_postgres, tmp_path):
    folder = tmp_path / "interlab-20260101-000000"
    folder.mkdir()
    manifest = {"format": 1, "database": {"vendor": "postgresql", "file": "database.pgdump"}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    refused = fresh_postgres.make("restore", f"BACKUP={folder}", check=False)
    assert refused.returncode != 0 and "incomplete" in refused.stderr and "database.pgdump" in refused.stderr


def test_a_sqlite_backup_restores_into_a_new_file_with_the_same_figures(tmp_path):
    source = Site(f"sqlite:///{tmp_path / 'source.sqlite3'}", tmp_path / "source")
    before = seeded(source)
    folder = backed_up(source)
    assert (folder / "database.sqlite3").is_file()

    restored = Site(f"sqlite:///{tmp_path / 'restored.sqlite3'}", tmp_path / "restored")
    restored.make("restore", f"BACKUP={folder}")
    assert_same_world(before, restored.world("figures"))


def test_a_pg_dump_older_than_the_server_is_refused_with_the_version_to_install(fresh_postgres, tmp_path):
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "pg_dump"
    fake.write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n")
    fake.chmod(0o755)
    result = fresh_postgres.run(
        "env", f"PATH={tools}:{os.environ['PATH']}", sys.executable, "manage.py", "backup", check=False
    )
    assert result.returncode != 0
    assert "pg_dump 9 cannot dump a PostgreSQL" in result.stderr and "install the client tools" in result.stderr
    assert not list((fresh_postgres.var_dir / "backups").glob("interlab-*")), "no half-written backup"
