"""Convert each seed plan in ../shared and score it against its hand-checked golden document."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import pytest

from actiontrack.importer import convert_path, validate

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEEDS = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
MIN_SCORE = 0.95

pytestmark = pytest.mark.skipif(
    not SEEDS, reason=f"no seed plans in {SHARED / 'seeds'} (shared folder absent)"
)


@cache
def scorer():
    spec = importlib.util.spec_from_file_location("score_import", SHARED / "tools" / "score_import.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def golden(seed: Path) -> dict:
    import json

    return json.loads((SHARED / "golden" / f"{seed.stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("seed", SEEDS, ids=[s.stem for s in SEEDS])
def test_seed_converts_valid_and_scores_at_least_095(seed):
    plan = convert_path(seed)
    validate(plan)
    f, recall, precision, tally = scorer().score_document(golden(seed), plan, True)
    assert f >= MIN_SCORE, "\n".join(
        [f"score {f:.3f} (recall {recall:.3f}, precision {precision:.3f})", *tally.misses]
    )
