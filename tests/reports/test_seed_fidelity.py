"""Each seed plan's board report, as PDF and Word, holds every recommendation and action in order.

Word documents are also converted to PDF by LibreOffice (as a manager's Word would open
them), and the first page of each seed's PDF is kept as a PNG under var/test-artefacts/.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import pdfplumber
import pypdfium2
import pytest
from django.db import connection

from actiontrack.demo import load_demo
from actiontrack.reports.board import board_report
from actiontrack.reports.renderers import render
from actiontrack.reports.renderers.text import due_words, update_words
from tests.conftest import REPO_DIR

ARTEFACTS = REPO_DIR / "var" / "test-artefacts"


def squash(text: str) -> str:
    return " ".join(text.split())


def expected_rows(report: dict) -> list[tuple[str, str, str, str, str]]:
    """Return (ref, text, leads, due, latest update) for every action in plan order, from the database."""
    from actiontrack.plans.models import Plan

    plan = Plan.objects.get(pk=report["plan"]["id"])
    rows = []
    recommendations = list(plan.recommendations.order_by("order", "pk"))
    ordered = [a for r in recommendations for a in r.actions.for_page().order_by("order", "pk")]
    ordered += list(plan.actions.for_page().filter(recommendation=None).order_by("order", "pk"))
    by_id = {a["id"]: a for s in report["sections"] for r in s["recommendations"] for a in r["actions"]}
    for action in ordered:
        latest = action.updates.order_by("-order", "-pk").first()
        assert by_id[action.pk]["latest_update"]["text"] == latest.text if latest else True
        rows.append(
            (
                action.ref,
                squash(action.text),
                ", ".join(action.lead_keys()),
                squash(due_words(by_id[action.pk])),
                squash(update_words(by_id[action.pk])),
            )
        )
    return rows


def docx_rows(content: bytes) -> tuple[list[str], list[tuple[str, ...]]]:
    """Return the Heading 2 texts and the action table rows of a board report in document order."""
    document = docx.Document(io.BytesIO(content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    rows = []
    for table in document.tables[1:]:
        for row in table.rows[1:]:
            cells = [squash(c.text) for c in row.cells]
            rows.append((cells[0], cells[1], cells[2], cells[3], cells[5]))
    return headings, rows


@pytest.fixture
def seed_reports(db, shared_dir):
    if connection.vendor != "sqlite":
        pytest.skip("rendering does not depend on the database: the seed documents are checked on SQLite")
    plans = load_demo(shared_dir, "demo password").plans
    return [board_report(plan) for plan in plans]


def test_each_seed_board_report_holds_every_recommendation_and_action_in_order(seed_reports, tmp_path):
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    word_files = []
    for number, report in enumerate(seed_reports):
        expected = expected_rows(report)
        content = render(report, "docx")
        headings, rows = docx_rows(content)
        recommendations = [r for s in report["sections"] for r in s["recommendations"]]
        assert len(headings) == len(recommendations)
        assert [row[:4] for row in rows] == [row[:4] for row in expected], report["plan"]["title"]
        assert [row[4] for row in rows] == [row[4] for row in expected]
        word_files.append(tmp_path / f"seed-{number}.docx")
        word_files[-1].write_bytes(content)

        pdf = render(report, "pdf")
        document = pypdfium2.PdfDocument(pdf)
        text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
        squashed = "".join(text.split())
        position = 0
        for ref, action_text, *_rest in expected:
            # The start of each action's text, which opens the first line of its cell.
            words = action_text.replace(" ", "")[:20]
            found = squashed.find(words, position)
            assert found >= 0, (report["plan"]["title"], ref, action_text[:60])
            position = found
        page = document[0]
        page.render(scale=80 / 72).to_pil().save(ARTEFACTS / f"board-report-seed-{number}.png")
    converted = libreoffice_to_pdf(word_files, tmp_path / "converted")
    for path, report in zip(converted, seed_reports, strict=True):
        with pdfplumber.open(path) as document:
            assert squash(report["plan"]["title"])[:30].replace(" ", "") in squash(
                document.pages[0].extract_text() or ""
            ).replace(" ", "")


def libreoffice_to_pdf(files: list[Path], out: Path) -> list[Path]:
    """Convert Word documents to PDF with LibreOffice in one call, as a manager's machine might."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed: run `make test` (installs libreoffice-writer-nogui)")
    profile = out / "profile"
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, files),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    converted = [out / f"{path.stem}.pdf" for path in files]
    missing = [path.name for path in converted if not path.exists()]
    assert not missing, (missing, result.stdout, result.stderr)
    return converted
