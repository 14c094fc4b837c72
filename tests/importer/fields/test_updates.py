import datetime
import json
from pathlib import Path

import pytest

from actiontrack.importer.fields.updates import UpdateEntry, column_date, split_updates

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"

D = datetime.date


@pytest.mark.parametrize(
    ("cell", "column", "expected"),
    [
        (None, None, []),
        ("", D(2013, 8, 31), []),
        ("Completed", D(2013, 8, 31), [UpdateEntry(D(2013, 8, 31), "Completed")]),
        ("Completed July 2003", None, [UpdateEntry(None, "Completed July 2003")]),
        ("08/03/2018: Complete", None, [UpdateEntry(D(2018, 3, 8), "Complete")]),
        # A stamp labelled or bracketed at the head of a line; mid-sentence it stays in the text.
        (
            "Update 12/01/2024: Protocol drafted.\nUpdate 08/02/2024: Protocol agreed.",
            None,
            [
                UpdateEntry(D(2024, 1, 12), "Protocol drafted."),
                UpdateEntry(D(2024, 2, 8), "Protocol agreed."),
            ],
        ),
        ("[12/01/2024] Drafted", None, [UpdateEntry(D(2024, 1, 12), "Drafted")]),
        ("(12/01/24) Drafted", None, [UpdateEntry(D(2024, 1, 12), "Drafted")]),
        (
            "Meeting held (12/01/24) with partners",
            None,
            [UpdateEntry(None, "Meeting held (12/01/24) with partners")],
        ),
        ("23.02.18 – Cohort reviewed", None, [UpdateEntry(D(2018, 2, 23), "Cohort reviewed")]),
        ("23/02/2018 - Completed on 2.2.18", None, [UpdateEntry(D(2018, 2, 23), "Completed on 2.2.18")]),
        (
            "23/02/2018: Ongoing 08/03/2018: Complete – regular updates ongoing",
            None,
            [
                UpdateEntry(D(2018, 2, 23), "Ongoing"),
                UpdateEntry(D(2018, 3, 8), "Complete – regular updates ongoing"),
            ],
        ),
        (
            "08/03/2018 – ongoing, further reduction to 215 02/04/18 ongoing further reduction to 201",
            None,
            [
                UpdateEntry(D(2018, 3, 8), "ongoing, further reduction to 215"),
                UpdateEntry(D(2018, 4, 2), "ongoing further reduction to 201"),
            ],
        ),
        (
            "08/03/2018: Delays. Workshop arranged for 02/05/18 to progress 03/05/2018: Workshop held.",
            None,
            [
                UpdateEntry(D(2018, 3, 8), "Delays. Workshop arranged for 02/05/18 to progress"),
                UpdateEntry(D(2018, 5, 3), "Workshop held."),
            ],
        ),
        (
            "08/03/2018: Planned session for 07/03/2018 postponed to 24/05/2018 due to staff unavailability.",
            None,
            [
                UpdateEntry(
                    D(2018, 3, 8),
                    "Planned session for 07/03/2018 postponed to 24/05/2018 due to staff unavailability.",
                )
            ],
        ),
        (
            "<p>03/05/2018: further reduction to 183 (30/04)</p>"
            " <p>16/05/2018: CP increased to 188 (14/05).</p>",
            None,
            [
                UpdateEntry(D(2018, 5, 3), "further reduction to 183 (30/04)"),
                UpdateEntry(D(2018, 5, 16), "CP increased to 188 (14/05)."),
            ],
        ),
        (
            "Pilot running.\n08/03/2018: Pilot continues.",
            D(2018, 2, 28),
            [UpdateEntry(D(2018, 2, 28), "Pilot running."), UpdateEntry(D(2018, 3, 8), "Pilot continues.")],
        ),
        ("Pilot on 19/02/18 – 18/05/18", None, [UpdateEntry(None, "Pilot on 19/02/18 – 18/05/18")]),
        ("19/02/18 – 18/05/18 pilot", None, [UpdateEntry(None, "19/02/18 – 18/05/18 pilot")]),
        (
            "Line one\n14/06/2018 line two",
            None,
            [UpdateEntry(None, "Line one"), UpdateEntry(D(2018, 6, 14), "line two")],
        ),
        ("Reported 14/06/2018", None, [UpdateEntry(None, "Reported 14/06/2018")]),
        ("15th March 2018: agreed", None, [UpdateEntry(D(2018, 3, 15), "agreed")]),
    ],
)
def test_split_updates_opens_an_entry_at_each_date_stamp(
    cell: str | None, column: datetime.date | None, expected: list[UpdateEntry]
) -> None:
    assert split_updates(cell, column) == expected


@pytest.mark.parametrize(
    ("header", "as_of", "expected"),
    [
        ("Update August 2013", D(2013, 9, 18), D(2013, 8, 31)),
        ("Update September 2013", D(2013, 9, 18), D(2013, 9, 18)),
        ("Update August 2013", None, D(2013, 8, 31)),
        ("Update February 2004", None, D(2004, 2, 29)),
        ("Update December 2013", None, D(2013, 12, 31)),
        ("Progress at 14/06/2018", None, D(2018, 6, 14)),
        ("Update", D(2013, 9, 18), None),
        ("Action taken", None, None),
        ("", None, None),
    ],
)
def test_column_date_is_the_month_end_or_the_earlier_as_of(
    header: str, as_of: datetime.date | None, expected: datetime.date | None
) -> None:
    assert column_date(header, as_of) == expected


def _seed_update_cells(seed: Path) -> list[str]:
    """Return the update column of a tab-separated seed, rows split by page breaks rejoined."""
    cells: list[str] = []
    for line in seed.read_text(encoding="utf-8").splitlines():
        row = line.split("\t")
        if len(row) < 5:
            continue
        if row[0].strip().isdigit():
            cells.append(row[4])
        elif cells and not row[0].strip() and not row[1].strip() and row[4].strip():
            cells[-1] += "\n" + row[4]
    return cells


SEED_004 = sorted((SHARED / "seeds").glob("004_*.txt"))
GOLDEN_004 = sorted((SHARED / "golden").glob("004_*.json"))


@pytest.mark.skipif(not (SEED_004 and GOLDEN_004), reason=f"no seed 004 and its golden file under {SHARED}")
def test_update_logs_of_the_golden_update_log_plan_are_reproduced() -> None:
    plan = json.loads(GOLDEN_004[0].read_text(encoding="utf-8"))
    actions = [action for rec in plan["recommendations"] for action in rec["actions"]] + plan["actions"]
    cells = _seed_update_cells(SEED_004[0])
    assert len(cells) == len(actions)
    for cell, action in zip(cells, actions, strict=True):
        got = [
            {"date": entry.date.isoformat() if entry.date else None, "text": entry.text}
            for entry in split_updates(cell)
        ]
        assert got == action["updates"]
