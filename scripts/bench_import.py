"""Time the importer on each seed plan and on large plans in every format.

    .venv/bin/python scripts/bench_import.py [--repeat N]

Prints seconds per conversion (best of N); makes no assertions. The target is
a 20-page document in under 0.5 s on one core. The large .docx, .xlsx, .csv
and .pdf plans are a golden plan repeated until it fills about 20 PDF pages,
rendered by the test suite's builders.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import pypdfium2  # noqa: E402
from tests.importer import builders  # noqa: E402

from actiontrack.importer import convert_bytes  # noqa: E402

HEADER = "No\tRecommendation\tAction to be taken\tBy when\tLead officer\tUpdate"
ROWS_PER_PAGE = 12


def synthetic_plan(pages: int = 20) -> bytes:
    """Build a plan of `pages` pages: a running title and repeated header on each, one row split per page."""
    lines = ["Synthetic Safeguarding Partnership Action Plan – updated 01/06/2020 – V2", ""]
    number = 0
    for page in range(pages):
        if page:
            lines += ["", "Synthetic Safeguarding Partnership Action Plan – updated 01/06/2020 – V2", ""]
        lines.append(HEADER)
        if page:
            lines.append("\t\tand report back to the\t\t\tboard.")
        for _ in range(ROWS_PER_PAGE):
            number += 1
            lines.append(
                f"{number}\tAgencies should review their arrangements for case {number}.\t"
                f"Audit a sample of cases and agree improvements with partners\tMarch 2020 June 2020\t"
                f"AB CD/EF\t<p>01/03/2020: Audit started.</p> <p>01/05/2020: Findings reported to the</p>"
            )
    lines += ["", "Blue\tCompleted", "Green\tOn track", "Red\tDelayed"]
    return "\n".join(lines).encode("utf-8")


def large_plan(copies: int) -> dict:
    """Return the first golden plan with its recommendations repeated `copies` times."""
    plan = builders.load_golden(builders.golden_names()[0])
    recommendations = plan["recommendations"]
    plan["recommendations"] = [
        {**r, "ref": f"{copy + 1}.{r['ref']}"} for copy in range(copies) for r in recommendations
    ]
    return plan


def formatted_documents(pages: int = 20) -> list[tuple[str, bytes]]:
    """Render a plan of about `pages` PDF pages as .docx, .xlsx, .csv and .pdf."""
    copies = 1
    while True:
        plan = large_plan(copies)
        pdf = builders.build_pdf(plan)
        if len(pypdfium2.PdfDocument(pdf)) >= pages or copies > 50:
            break
        copies += 1
    count = len(pypdfium2.PdfDocument(pdf))
    return [
        (f"large-{count}-pages.pdf", pdf),
        (f"large-{count}-pages.docx", builders.build_docx(plan)),
        (f"large-{count}-pages.xlsx", builders.build_xlsx(plan)),
        (f"large-{count}-pages.csv", builders.build_csv(plan)),
    ]


def best_time(data: bytes, name: str, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        convert_bytes(data, name)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    documents = [(p.name, p.read_bytes()) for p in sorted((SHARED / "seeds").glob("*.txt"))]
    documents.append(("synthetic-20-pages.txt", synthetic_plan(20)))
    documents += formatted_documents(20)
    convert_bytes(documents[-1][1], documents[-1][0])  # warm up imports and regex caches
    print(f"{'document':40} {'bytes':>8} {'actions':>8} {'seconds':>8}")
    for name, data in documents:
        plan = convert_bytes(data, name)
        actions = sum(len(r["actions"]) for r in plan["recommendations"]) + len(plan["actions"])
        print(f"{name:40} {len(data):8} {actions:8} {best_time(data, name, args.repeat):8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
