"""Fixtures for the importer: uploads are read as they are queued, unless a test runs the worker."""

from __future__ import annotations

from typing import Any

import pytest

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture(autouse=True)
def immediate_tasks(settings: Any) -> None:
    """Run background tasks (reading an upload) as they are queued."""
    settings.TASKS = IMMEDIATE
