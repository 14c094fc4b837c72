"""Render golden plans into Word, Excel, CSV and PDF, import them, and score the result.

Each rendering is a typical real-world layout of the same plan (see
`builders`); the import must validate against the actionplan/1 schema and
reproduce the golden document closely (scored by the shared scorer).
"""

from __future__ import annotations

import importlib.util
from functools import cache

import pytest

from actiontrack.importer import convert_bytes, validate
from tests.importer import builders

pytestmark = pytest.mark.skipif(
    not builders.GOLDEN.is_dir(), reason=f"the shared folder is not beside the checkout ({builders.SHARED})"
)

MIN_SCORE = 0.9
FORMATS = ["docx", "xlsx", "csv", "pdf"]


@cache
def scorer():
    spec = importlib.util.spec_from_file_location(
        "score_import", builders.SHARED / "tools" / "score_import.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(name: str, fmt: str) -> float:
    plan = convert_bytes(builders.render(name, fmt), f"{name}.{fmt}")
    validate(plan)
    f, _, _, _ = scorer().score_document(builders.load_golden(name), plan, False)
    return f


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", builders.golden_names())
def test_rendered_plan_imports_valid_and_close_to_golden(name, fmt):
    assert score(name, fmt) >= MIN_SCORE


# Without rules, cells are told apart by the padding between them, column by
# column, so a recommendation merged down beside several actions stays whole.
@pytest.mark.parametrize("name", builders.golden_names())
def test_unruled_pdf_imports_close_to_golden(name):
    assert score(name, "unruled.pdf") >= MIN_SCORE
