"""Import plans laid out unlike the seeds (`unseen_plans`) and score them against their expected reading.

Each import must validate, score at least 0.95 with the shared scorer, get the
fields the layout is about exactly right, and leave nothing that matters unplaced.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from typing import Any

import pytest

from actiontrack.importer import analyse, validate
from tests.importer import builders
from tests.importer.unseen_plans import (
    CSV_EXPECTED,
    JTAI_EXPECTED,
    SAR_EXPECTED,
    build_jtai_docx,
    build_sar_xlsx,
    build_tracker_csv,
)
from tests.importer.unseen_plans_extra import (
    FORM_EXPECTED,
    SCR_EXPECTED,
    SCR_TEXT,
    TWO_ROW_EXPECTED,
    WORKBOOK_EXPECTED,
    build_form_docx,
    build_two_row_header_docx,
    build_workbook,
)
from tests.importer.unseen_plans_pdf import (
    RULED_EXPECTED,
    UNRULED_ACTIONS,
    UNRULED_CELLS,
    UNRULED_EXPECTED,
    UNRULED_SHADED_EXPECTED,
    build_ruled_pdf,
    unruled_pdf,
)

SCORER = builders.SHARED / "tools" / "score_import.py"
pytestmark = pytest.mark.skipif(
    not SCORER.is_file(), reason=f"the shared scorer is not beside the checkout ({SCORER})"
)

MIN_SCORE = 0.95


@cache
def scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score_import", SCORER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def imported(data: bytes, filename: str) -> tuple[dict, list[str]]:
    conversion = analyse(data, filename)
    validate(conversion.document)
    return conversion.document, conversion.unplaced


def assert_close(expected: dict, document: dict) -> None:
    f, _, _, tally = scorer().score_document(expected, document, True)
    assert f >= MIN_SCORE, "\n".join([f"score {f:.3f}", *tally.misses])


def all_actions(document: dict) -> list[dict]:
    return [a for r in document["recommendations"] for a in r["actions"]] + document["actions"]


def test_word_jtai_plan_with_dated_progress_log():
    document, unplaced = imported(build_jtai_docx(), "jtai-plan.docx")
    assert_close(JTAI_EXPECTED, document)
    first = document["recommendations"][0]["actions"][0]
    assert [u["date"] for u in first["updates"]] == ["2024-01-12", "2024-02-08"]
    assert document["recommendations"][0]["actions"][1]["leads"] == [
        "Education Safeguarding Lead",
        "Designated Nurse",
    ]
    assert [a["status"] for a in all_actions(document)] == [
        "on_track",
        "at_risk",
        "on_track",
        None,
        "completed",
    ]
    assert unplaced == []


def test_excel_tracker_with_priority_groups_merged_recommendations_and_date_cells():
    document, unplaced = imported(build_sar_xlsx(), "sar-tracker.xlsx")
    assert_close(SAR_EXPECTED, document)
    assert document["title"] == SAR_EXPECTED["title"]
    assert [len(r["actions"]) for r in document["recommendations"]] == [3, 2, 1]
    assert [a["status"] for a in all_actions(document)] == [
        "completed", "on_track", "not_started", "delayed", "on_track", "completed",
    ]  # fmt: skip
    assert document["recommendations"][1]["section"] == "Priority 2: Commissioning"
    assert unplaced == []


def test_csv_tracker_export_with_recommendation_repeated_on_each_action_row():
    document, unplaced = imported(build_tracker_csv(), "tracker_export.csv")
    assert_close(CSV_EXPECTED, document)
    assert [r["ref"] for r in document["recommendations"]] == ["1", "2"]
    assert [len(r["actions"]) for r in document["recommendations"]] == [3, 2]
    assert [a["status"] for a in all_actions(document)] == [
        "completed", "on_track", "not_started", "delayed", "on_track",
    ]  # fmt: skip
    assert unplaced == []


@pytest.mark.parametrize("cells", UNRULED_CELLS)
def test_unruled_pdf_over_two_pages_with_repeated_header(cells):
    import pypdfium2

    data = unruled_pdf(cells)
    assert len(pypdfium2.PdfDocument(data)) >= 2
    document, unplaced = imported(data, "neglect-plan.pdf")
    expected = UNRULED_SHADED_EXPECTED if cells == "shaded" else UNRULED_EXPECTED
    assert_close(expected, document)
    assert [a["status"] for a in document["actions"]] == [a["status"] for a in expected["actions"]]
    assert [a["ref"] for a in document["actions"]] == [str(n) for n in range(1, len(UNRULED_ACTIONS) + 1)]
    assert document["actions"][1]["leads"] == ["Education Safeguarding Lead"]
    assert unplaced == []


def test_ruled_pdf_lead_cell_with_one_person_per_line():
    document, unplaced = imported(build_ruled_pdf(), "lcspr-plan.pdf")
    assert_close(RULED_EXPECTED, document)
    leads = [a["leads"] for a in all_actions(document)]
    assert leads == [
        ["Jane Hoey", "Cath Thomas"],
        ["Head of Safeguarding", "Designated Nurse"],
        ["Assistant Director, Children's Social Care"],
        ["Named Nurse", "Health Visiting Manager"],
    ]
    assert unplaced == []


def test_tab_separated_serious_case_review_plan_with_key_of_initials():
    document, unplaced = imported(SCR_TEXT.encode(), "child-d-scr.txt")
    assert_close(SCR_EXPECTED, document)
    assert [p["key"] for p in document["people"]] == ["JH", "CT", "SP", "RB"]
    assert all_actions(document)[0]["leads"] == ["JH", "CT"]
    # The evidence column has no field of its own: it is offered in the preview, and nothing else is.
    assert set(unplaced) <= {line.split("\t")[-1] for line in SCR_TEXT.split("\n") if line.count("\t") == 4}


def test_workbook_with_a_guidance_tab_and_a_rag_key_tab():
    document, unplaced = imported(build_workbook(), "early-help-tracker.xlsx")
    assert_close(WORKBOOK_EXPECTED, document)
    assert document["title"] == WORKBOOK_EXPECTED["title"]
    assert [entry["code"] for entry in document["rag_scale"]] == ["blue", "green", "amber", "red"]
    assert [a["status"] for a in document["actions"]] == ["on_track", "at_risk", "delayed"]
    assert "Update the progress column each month and set the RAG rating using the key." in document["notes"]
    assert unplaced in ([], ["Colour | Meaning"])


def test_word_plan_whose_header_has_a_second_row_of_dated_update_columns():
    document, unplaced = imported(build_two_row_header_docx(), "neglect-plan.docx")
    assert_close(TWO_ROW_EXPECTED, document)
    assert [u["date"] for u in document["actions"][0]["updates"]] == ["2023-12-31", "2024-03-31"]
    assert len(document["actions"]) == 2
    assert unplaced == []


def test_word_plan_set_out_as_a_form_per_recommendation():
    document, unplaced = imported(build_form_docx(), "child-p-scr.docx")
    assert_close(FORM_EXPECTED, document)
    assert [r["ref"] for r in document["recommendations"]] == ["1", "2"]
    assert [len(r["actions"]) for r in document["recommendations"]] == [1, 1]
    assert unplaced == []
