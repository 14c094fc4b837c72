"""Plans in the layouts of issue #11, each hand-written with its expected `actionplan/1.1` reading.

Every class of layout the issue lists is covered by at least two differently
written plans; each must validate against the 1.1 schema and score at least
0.95 with the shared scorer.
"""

from __future__ import annotations

import pytest

from actiontrack.importer import analyse, validate
from tests.importer.test_unseen_layouts import MIN_SCORE, SCORER, scorer
from tests.importer.unseen_v11_around import CASES as AROUND_CASES
from tests.importer.unseen_v11_common import Case
from tests.importer.unseen_v11_fields import CASES as FIELD_CASES
from tests.importer.unseen_v11_forms import CASES as FORM_CASES
from tests.importer.unseen_v11_headers import CASES as HEADER_CASES
from tests.importer.unseen_v11_lists import CASES as LIST_CASES
from tests.importer.unseen_v11_text import CASES as TEXT_CASES

CASES: list[Case] = [*TEXT_CASES, *FORM_CASES, *AROUND_CASES, *LIST_CASES, *FIELD_CASES, *HEADER_CASES]

pytestmark = pytest.mark.skipif(
    not SCORER.is_file(), reason=f"the shared scorer is not beside the checkout ({SCORER})"
)


def score(case: Case) -> tuple[float, list[str]]:
    document = analyse(case.build(), case.filename).document
    validate(document)
    f, _, _, tally = scorer().score_document(case.expected, document, True)
    return f, tally.misses


@pytest.mark.parametrize("case", CASES, ids=str)
def test_unseen_plan_is_read_as_written(case: Case):
    f, misses = score(case)
    assert f >= MIN_SCORE, "\n".join([f"score {f:.3f}", *misses])


def test_every_class_has_two_differently_written_plans():
    classes = [case.layout for case in CASES]
    assert set(classes) == {"1", "2", "3", "4", "5", "6"}
    assert all(classes.count(layout) >= 2 for layout in set(classes))
