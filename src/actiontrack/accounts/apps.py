import os
from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def keep_sqlite_private(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Make an SQLite database file readable by the service's user only (it holds case data)."""
    if connection.vendor != "sqlite":
        return
    name = str(connection.settings_dict.get("NAME") or "")
    if name and not name.startswith(("file:", ":memory:")) and os.path.exists(name):
        for path in (name, f"{name}-wal", f"{name}-shm"):
            if os.path.exists(path):
                os.chmod(path, 0o600)


class AccountsConfig(AppConfig):
    name = "actiontrack.accounts"
    label = "accounts"
    verbose_name = "People and agencies"

    def ready(self) -> None:
        connection_created.connect(keep_sqlite_private, dispatch_uid="actiontrack.keep_sqlite_private")
