"""Run pytest against a throwaway PostgreSQL cluster: `python scripts/pytest_postgres.py [pytest args]`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pg_cluster import throwaway_cluster  # noqa: E402


def main() -> int:
    with throwaway_cluster() as url:
        # Settings read DATABASE_URL when pytest-django loads them, so set it first.
        os.environ["DATABASE_URL"] = url
        print(f"PostgreSQL test cluster at {url}", flush=True)
        import pytest

        return int(pytest.main(sys.argv[1:]))


if __name__ == "__main__":
    sys.exit(main())
