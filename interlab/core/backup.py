"""Backups: the database (pg_dump's custom format, or SQLite's online backup) and every stored file, in one folder.

A backup is a folder `interlab-YYYYmmdd-HHMMSS/` holding `manifest.json`, the database and one tar per file
store ("default": public media, "private": personal files), read and written through the storage API so the
same commands work on local folders and on S3-compatible buckets. It is written under a temporary name and
renamed at the end: a folder with a manifest is a complete backup.
"""

import json
import os
import posixpath
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import Storage, storages
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from .signals import data_restored

FORMAT = 1
STORES = ("default", "private")
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    """Why a backup or a restore cannot go on, in words for the person running it."""


# --- PostgreSQL tools -------------------------------------------------------------------------------------------


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(f"{name} was not found: install the PostgreSQL client tools (e.g. postgresql-client).")
    return path


def tool_major(name: str) -> int:
    """The major version of a PostgreSQL client tool, e.g. 15 for "pg_dump (PostgreSQL) 15.14"."""
    output = subprocess.run([_tool(name), "--version"], capture_output=True, text=True, check=True).stdout
    match = re.search(r"\)\s*(\d+)", output) or re.search(r"(\d+)\.\d+", output)
    if not match:
        raise BackupError(f"Could not read the version of {name} from {output.strip()!r}.")
    return int(match.group(1))


def _server_major(alias: str = "default") -> int:
    connection = connections[alias]
    connection.ensure_connection()
    return connection.pg_version // 10000


def _pg_env(alias: str = "default") -> dict:
    """libpq's variables for the configured database: the password never appears on a command line."""
    params = connections[alias].settings_dict
    env = {**os.environ}
    for key, variable in (("NAME", "PGDATABASE"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"), ("HOST", "PGHOST")):
        if params.get(key):
            env[variable] = str(params[key])
    if params.get("PORT"):
        env["PGPORT"] = str(params["PORT"])
    if params.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = params["OPTIONS"]["sslmode"]
    return env


def _run(command: list[str], *, env: dict, what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{what} failed: {result.stderr.strip() or result.stdout.strip()}")


# --- database ---------------------------------------------------------------------------------------------------


def _vendor(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(f"Backups support PostgreSQL and SQLite, not {vendor}.")
    return vendor


def _dump_database(folder: Path, alias: str = "default") -> dict:
    vendor = _vendor(alias)
    target = folder / DUMP_NAMES[vendor]
    if vendor == "sqlite":
        connection = connections[alias]
        source = sqlite3.connect(connection.settings_dict["NAME"])
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # a consistent copy even while the app writes
        finally:
            copy.close()
            source.close()
        return {"vendor": vendor, "file": target.name}
    server, client = _server_major(alias), tool_major("pg_dump")
    if client < server:
        raise BackupError(
            f"pg_dump {client} cannot dump a PostgreSQL {server} server: install the client tools of version "
            f"{server} (or newer)."
        )
    _run(
        [_tool("pg_dump"), "--format=custom", "--no-password", f"--file={target}"],
        env=_pg_env(alias),
        what="pg_dump",
    )
    return {"vendor": vendor, "file": target.name, "server_major": server, "pg_dump_major": client}


def database_tables(alias: str = "default") -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def _restore_database(folder: Path, manifest: dict, *, force: bool, alias: str = "default") -> None:
    vendor = _vendor(alias)
    wanted = manifest["database"]["vendor"]
    if wanted != vendor:
        raise BackupError(f"This backup holds a {wanted} database; the configured database is {vendor}.")
    tables = database_tables(alias)
    name = connections[alias].settings_dict["NAME"]
    if tables and not force:
        raise BackupError(
            f"The database {name} is not empty ({len(tables)} tables). Restore into an empty database, "
            "or pass --force (make restore FORCE=1) to replace everything in it."
        )
    source = folder / manifest["database"]["file"]
    if vendor == "sqlite":
        connections[alias].close()
        backup = sqlite3.connect(source)
        live = sqlite3.connect(name)
        try:
            backup.backup(live)  # replaces the whole database in one step
        finally:
            live.close()
            backup.close()
        return
    made_by = manifest["database"].get("pg_dump_major", 0)
    restorer, server = tool_major("pg_restore"), _server_major(alias)
    if restorer < made_by:
        raise BackupError(f"This backup was made by pg_dump {made_by}; pg_restore {restorer} cannot read it.")
    if server < manifest["database"].get("server_major", 0):
        raise BackupError(
            f"This backup comes from PostgreSQL {manifest['database']['server_major']}; the configured server "
            f"is {server}: restore into that version or a newer one."
        )
    connections[alias].close()
    env = _pg_env(alias)
    with tempfile.TemporaryDirectory(prefix="interlab-restore-") as work:
        script = Path(work) / "restore.sql"
        _run(
            [_tool("pg_restore"), "--no-owner", "--no-privileges", f"--file={script}", str(source)],
            env=env,
            what="pg_restore",
        )
        # psql plays the script in one transaction: a failure leaves the database as it was.
        replace = ["-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"] if tables else []
        _run(
            [_tool("psql"), "--no-password", "--quiet", "--single-transaction", "-v", "ON_ERROR_STOP=1", *replace]
            + ["-f", str(script)],
            env=env,
            what="Restoring the database",
        )


# --- files ------------------------------------------------------------------------------------------------------


def stored_names(storage: Storage, top: str = "") -> Iterator[str]:
    """Every file name in a store, through the storage API (folders on disk, keys in a bucket)."""
    try:
        folders, files = storage.listdir(top)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(top, name) if top else name
    for folder in sorted(folders):
        yield from stored_names(storage, posixpath.join(top, folder) if top else folder)


def _dump_files(storage: Storage, target: Path) -> dict:
    count = size = 0
    with tarfile.open(target, "w") as archive:
        for name in stored_names(storage):
            # A copy first: the tar header needs the size, and a file may change while it is read.
            with storage.open(name, "rb") as source, tempfile.SpooledTemporaryFile(16 * 1024 * 1024) as copy:
                shutil.copyfileobj(source, copy, 1024 * 1024)
                info = tarfile.TarInfo(name)
                info.size, info.mode, info.mtime = copy.tell(), 0o600, int(timezone.now().timestamp())
                copy.seek(0)
                archive.addfile(info, copy)
            count, size = count + 1, size + info.size
    return {"file": target.name, "count": count, "bytes": size}


def _safe_member(name: str) -> bool:
    parts = name.split("/")
    return bool(name) and not name.startswith("/") and ".." not in parts and "" not in parts


def _restore_files(storage: Storage, source: Path) -> int:
    count = 0
    with tarfile.open(source, "r") as archive:
        for member in archive:
            if not member.isfile():
                continue
            if not _safe_member(member.name):
                raise BackupError(f"Refused a file outside the store: {member.name!r}.")
            if storage.exists(member.name):
                storage.delete(member.name)
            content = File(archive.extractfile(member), name=member.name)
            content.size = member.size
            saved = storage.save(member.name, content)
            if saved != member.name:
                raise BackupError(f"{member.name} was stored as {saved}: the store did not free the name.")
            count += 1
    return count


def _latest_migrations() -> dict[str, str]:
    """The newest migration applied per app: what a restore brings back, to compare with the code's."""
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connections["default"]).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return dict(sorted(latest.items()))


# --- the two commands -------------------------------------------------------------------------------------------


def backup(*, into: Path, files: bool = True) -> Path:
    """Write a complete backup folder under `into` and return its path."""
    into = Path(into)
    into.mkdir(parents=True, exist_ok=True)
    now = timezone.now()
    name = f"interlab-{now:%Y%m%d-%H%M%S}"
    if (into / name).exists():
        raise BackupError(f"{into / name} already exists: wait a second and run the backup again.")
    partial = Path(tempfile.mkdtemp(prefix=f".{name}-", dir=into))  # mode 0700: personal files inside
    try:
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "database": _dump_database(partial),
            "migrations": _latest_migrations(),
            "files": {},
        }
        if files:
            for alias in STORES:
                manifest["files"][alias] = _dump_files(storages[alias], partial / f"files-{alias}.tar")
        (partial / "manifest.json").write_text(json.dumps(manifest, indent=2))
        partial.rename(into / name)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return into / name


def read_manifest(folder: Path) -> dict:
    path = Path(folder) / "manifest.json"
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a complete backup: it has no manifest.json.") from None
    except ValueError:
        raise BackupError(f"{path} is not readable JSON.") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} is a backup of format {manifest.get('format')}; this version reads {FORMAT}.")
    wanted = [manifest["database"]["file"], *(entry["file"] for entry in manifest.get("files", {}).values())]
    missing = [name for name in wanted if not (Path(folder) / name).is_file()]
    if missing:
        raise BackupError(f"{folder} is incomplete: {', '.join(missing)} missing.")
    return manifest


def restore(*, source: Path, force: bool = False) -> dict:
    """Put a backup back: the database first (in one transaction), then the files. Returns what was restored."""
    source = Path(source)
    manifest = read_manifest(source)
    _restore_database(source, manifest, force=force)
    restored = {"database": manifest["database"]["vendor"], "files": {}}
    for alias, entry in manifest.get("files", {}).items():
        restored["files"][alias] = _restore_files(storages[alias], source / entry["file"])
    data_restored.send(sender=None)
    return restored
