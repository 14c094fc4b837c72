"""Case data stays private: no page is kept by browsers or proxies; the data folder is the service's own."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from tests.conftest import signed_in

pytestmark = pytest.mark.django_db


def test_pages_with_plan_data_are_not_stored_by_browsers(plan_owner, action):
    client = signed_in(plan_owner)
    for url in (
        "/",
        f"/plans/{action.plan_id}",
        f"/actions/{action.pk}",
        f"/plans/{action.plan_id}/export.json",
    ):
        cache = client.get(url)["Cache-Control"]
        assert "no-store" in cache and "private" in cache, url


def test_static_files_stay_cacheable(client):
    response = client.get("/static/actiontrack.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_the_data_folder_and_database_are_readable_by_their_owner_only(tmp_path):
    data = tmp_path / "data"
    env = {**os.environ, "ACTIONTRACK_DATA_DIR": str(data), "DATABASE_URL": ""}
    subprocess.run(
        [sys.executable, "-m", "actiontrack.cli", "migrate", "-v0"], env=env, check=True, capture_output=True
    )
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    database = data / "actiontrack.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "actiontrack.cli", "check"], env=env, check=True, capture_output=True
    )
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "secret_key").stat().st_mode) == 0o600
