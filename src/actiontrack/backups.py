"""Back up the whole site and restore it into an empty one: every row, the history, every stored file.

A backup is one zip file:

- `manifest.json`: the format version, when and from which database it was made, the
  migrations it needs, the number of rows of each model, and a SHA-256 of every other entry;
- `data.xml`: every row, as Django's `dumpdata` writes it (XML keeps times to the microsecond,
  where its JSON stops at the millisecond), read in one transaction
  (REPEATABLE READ on PostgreSQL), so the rows agree with each other;
- `files/…`: every stored file under the data folder (evidence, report templates), that is,
  all but the database, the secret key and the collected static files.

A restore checks all of it before it changes anything, and loads the rows in one transaction.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import override_settings

FORMAT = "actiontrack-backup/1"
# Rebuilt by `migrate` on every site, or not worth keeping: signed-in sessions.
EXCLUDED = ["contenttypes", "auth.permission", "sessions"]
NOT_STORED_FILES = {"static", "secret_key"}


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why. Nothing was changed."""


@dataclass
class Summary:
    rows: int
    files: int


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def stored_files(data_dir: Path) -> Iterator[Path]:
    """Yield the stored files under the data folder: all but the database, key and static files."""
    database = Path(str(connection.settings_dict.get("NAME") or "")).resolve()
    for path in sorted(data_dir.rglob("*")):
        relative = path.relative_to(data_dir)
        if not path.is_file() or relative.parts[0] in NOT_STORED_FILES:
            continue
        if connection.vendor == "sqlite" and path.resolve().name.startswith(database.name):
            continue  # the database itself, and its -wal and -shm files
        yield path


def _model_counts() -> dict[str, int]:
    excluded = set(EXCLUDED)
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in excluded
        and model._meta.label_lower not in excluded
        and model._meta.managed
    }


def _applied_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder(connection).applied_migrations():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def backup(target: Path) -> Summary:
    """Write the whole site to `target` (a zip file), consistently."""
    data_dir = Path(settings.DATA_DIR)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # one snapshot for every table
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        rows = io.StringIO()
        call_command(
            "dumpdata", exclude=EXCLUDED, natural_foreign=True, stdout=rows, verbosity=0, format="xml"
        )
        data = rows.getvalue().encode("utf-8")
        counts = _model_counts()
        migrations = _applied_migrations()
        files = {str(path.relative_to(data_dir)): path.read_bytes() for path in stored_files(data_dir)}
    manifest = {
        "format": FORMAT,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "database": connection.vendor,
        "migrations": migrations,
        "rows": counts,
        "data_sha256": _sha256(data),
        "files": {name: _sha256(content) for name, content in files.items()},
    }
    partial = target.with_name(target.name + ".partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
            archive.writestr("data.xml", data)
            for name, content in files.items():
                archive.writestr(f"files/{name}", content)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)  # a backup cut short never takes the name of a finished one
    return Summary(rows=sum(counts.values()), files=len(files))


def _read_checked(source: Path) -> tuple[dict, bytes, dict[str, bytes]]:
    """Read a backup and check every part of it against its manifest, or raise BackupError."""
    try:
        with zipfile.ZipFile(source) as archive:
            broken = archive.testzip()
            if broken is not None:
                raise BackupError(f"{source} is damaged: {broken} does not match its checksum.")
            manifest = json.loads(archive.read("manifest.json"))
            data = archive.read("data.xml")
            files = {
                name[len("files/") :]: archive.read(name)
                for name in archive.namelist()
                if name.startswith("files/")
            }
    except FileNotFoundError:
        raise BackupError(f"{source} does not exist.") from None
    except (zipfile.BadZipFile, EOFError, OSError) as error:
        raise BackupError(
            f"{source} is not a complete ActionTrack backup (cut short or damaged): {error}."
        ) from None
    except (KeyError, ValueError):
        raise BackupError(
            f"{source} is not an ActionTrack backup: it lacks a readable manifest and data."
        ) from None
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{source} is a backup of format {manifest.get('format')!r}; this version reads {FORMAT}."
        )
    if _sha256(data) != manifest.get("data_sha256"):
        raise BackupError(f"{source} is damaged: its data does not match the checksum in its manifest.")
    expected = manifest.get("files", {})
    if set(expected) != set(files):
        raise BackupError(f"{source} is incomplete: its stored files differ from those its manifest lists.")
    for name, content in files.items():
        if _sha256(content) != expected[name] or Path(name).is_absolute() or ".." in Path(name).parts:
            raise BackupError(f"{source} is damaged: the file {name} does not match its checksum.")
    return manifest, data, files


def _is_empty() -> bool:
    User = apps.get_model("accounts", "User")
    Plan = apps.get_model("plans", "Plan")
    return not User.objects.exists() and not Plan.objects.exists()


def restore(source: Path) -> Summary:
    """Restore a backup into an empty, migrated site; a bad backup or a site in use changes nothing."""
    manifest, data, files = _read_checked(source)
    applied = _applied_migrations()
    behind = [
        f"{app} {name}" for app, name in manifest.get("migrations", {}).items() if applied.get(app, "") < name
    ]
    if behind:
        raise BackupError(f"Run `actiontrack migrate` first: this site lacks {', '.join(behind)}.")
    if not _is_empty():
        raise BackupError(
            "This site already has accounts or plans: restore into an empty site (a new database)."
        )
    data_dir = Path(settings.DATA_DIR)
    with tempfile.TemporaryDirectory(dir=data_dir) as staging, transaction.atomic():
        rows = Path(staging) / "data.xml"
        rows.write_bytes(data)
        for name, content in files.items():
            (Path(staging) / "files" / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(staging) / "files" / name).write_bytes(content)
        with override_settings(SIMPLE_HISTORY_ENABLED=False):  # the backup brings its own history
            call_command("loaddata", str(rows), verbosity=0)
        counts = _model_counts()
        differ = sorted(
            label
            for label in set(counts) | set(manifest["rows"])
            if counts.get(label, 0) != manifest["rows"].get(label, 0)
        )
        if differ:
            raise BackupError(
                f"The restored rows differ from the backup ({', '.join(differ)}); nothing was restored."
            )
        for name in files:
            destination = data_dir / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(str(Path(staging) / "files" / name), destination)
    return Summary(rows=sum(counts.values()), files=len(files))
