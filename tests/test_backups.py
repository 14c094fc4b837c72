"""Backup and restore: every row and stored file comes back exactly; a damaged backup changes nothing."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from actiontrack.accounts.audit import Actor, acting_as
from actiontrack.accounts.models import User
from actiontrack.demo import load_demo
from actiontrack.plans import services
from actiontrack.plans.models import Action, Plan

SKIPPED = {"contenttypes", "auth.permission", "sessions"}


def every_row() -> dict[str, list[dict]]:
    """Every row of every model the backup covers (content types and permissions are rebuilt by migrate)."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED or model._meta.label_lower in SKIPPED:
            continue
        rows[model._meta.label] = list(model._default_manager.order_by("pk").values())
    return rows


@pytest.fixture
def site(transactional_db, shared_dir, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    (settings.DATA_DIR / "evidence" / "2026").mkdir(parents=True)
    (settings.DATA_DIR / "evidence" / "2026" / "audit.pdf").write_bytes(b"%PDF-1.4 evidence")
    demo = load_demo(shared_dir, "demo password")
    lead = User.objects.get(username="lead2")
    action = Action.objects.filter(lead_links__person__user=lead).first()
    with acting_as(Actor(user=lead)):
        services.record_update(action, text="Audit done", date=datetime.date(2026, 11, 30), rag_code="amber")
    return demo


def test_a_backup_restores_into_an_empty_site_row_for_row_and_file_for_file(site, settings, tmp_path):
    before = every_row()
    evidence = (settings.DATA_DIR / "evidence" / "2026" / "audit.pdf").read_bytes()
    backup = tmp_path / "site.zip"
    call_command("backup", str(backup))

    call_command("flush", interactive=False, verbosity=0)
    (settings.DATA_DIR / "evidence" / "2026" / "audit.pdf").unlink()
    assert not Plan.objects.exists()

    call_command("restore", str(backup))
    after = every_row()
    assert after == before
    assert (settings.DATA_DIR / "evidence" / "2026" / "audit.pdf").read_bytes() == evidence
    # What a plan's JSON export does not carry came back too: owners, person links, authors, RAGs, history.
    assert User.objects.get(username="lead2").people.exists()
    assert Plan.objects.first().owners.filter(username="admin").exists()
    assert Action.history.count() > 0
    restored = apps.get_model("plans", "Update").objects.get(text="Audit done")
    assert (restored.author.username, restored.rag) == ("lead2", "amber")


def test_restore_refuses_a_site_in_use(site, tmp_path):
    backup = tmp_path / "site.zip"
    call_command("backup", str(backup))
    with pytest.raises(CommandError, match="already has accounts or plans"):
        call_command("restore", str(backup))


@pytest.mark.parametrize("damage", ["cut short", "data changed", "file changed", "not a backup"])
def test_a_damaged_backup_is_refused_with_the_reason_and_changes_nothing(site, tmp_path, damage):
    backup = tmp_path / "site.zip"
    call_command("backup", str(backup))
    call_command("flush", interactive=False, verbosity=0)
    broken = tmp_path / "broken.zip"
    if damage == "cut short":
        broken.write_bytes(backup.read_bytes()[: backup.stat().st_size // 2])
    elif damage == "not a backup":
        broken.write_text("hello", encoding="utf-8")
    else:
        with zipfile.ZipFile(backup) as source, zipfile.ZipFile(broken, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if damage == "data changed" and item.filename == "data.xml":
                    content = content.replace(b"Audit done", b"Audit gone")
                if damage == "file changed" and item.filename.startswith("files/"):
                    content += b" tampered"
                target.writestr(item, content)
    with pytest.raises(CommandError, match=r"damaged|cut short|not a complete"):
        call_command("restore", str(broken))
    assert not Plan.objects.exists() and not User.objects.exists()


def test_a_backup_leaves_no_half_written_file_behind(site, tmp_path, monkeypatch):
    target = tmp_path / "site.zip"

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(zipfile.ZipFile, "writestr", fail)
    with pytest.raises(CommandError, match="disk full"):
        call_command("backup", str(target))
    assert not target.exists()
    assert not Path(f"{target}.partial").exists()
