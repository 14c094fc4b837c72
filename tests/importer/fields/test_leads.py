import json
from pathlib import Path

import pytest

from actiontrack.importer.fields.leads import split_leads
from actiontrack.lib.text import SOFT_BREAK

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
GOLDEN = sorted((SHARED / "golden").glob("*.json"))

# The keys of the people key printed on a plan that has one.
KEYS = ["SM", "JD", "LM", "GS", "HL", "AS", "CC", "SH"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # Initials joined by "/" are separate leads.
        ("SM/LM", ["SM", "LM"]),
        # A post whose name holds a comma stays whole.
        ("Head of Service, Children's Social Care", ["Head of Service, Children's Social Care"]),
        ("SM, Head of Service", ["SM", "Head of Service"]),
        ("SM/JD/HL", ["SM", "JD", "HL"]),
        ("RB / KS / MG", ["RB", "KS", "MG"]),
        ("RB/MG", ["RB", "MG"]),
        ("SM /operational managers", ["SM", "operational managers"]),
        ("SM/HL/operational managers", ["SM", "HL", "operational managers"]),
        ("The Academy/ Principal Social Worker", ["The Academy", "Principal Social Worker"]),
        # ... but a slash inside one team's name is not a separator.
        ("CP/Court Managers", ["CP/Court Managers"]),
        # People joined by "and" or "&" are separate.
        ("Jane Hoey and Cath Thomas", ["Jane Hoey", "Cath Thomas"]),
        ("Paul Harris & Performance team", ["Paul Harris", "Performance team"]),
        ("Jane Hoey and CIN managers", ["Jane Hoey", "CIN managers"]),
        ("IRO and Children's social work manager", ["IRO", "Children's social work manager"]),
        (
            "CP/Court Managers and Cath Thomas and Jane Hoey",
            ["CP/Court Managers", "Cath Thomas", "Jane Hoey"],
        ),
        # ... but "and" inside one name is not.
        ("A.D. Quality and Support", ["A.D. Quality and Support"]),
        ("Health & Wellbeing Board", ["Health & Wellbeing Board"]),
        ("Systems and Information Team", ["Systems and Information Team"]),
        # A role that itself contains a comma stays whole.
        ("Assistant Director, Children's Services", ["Assistant Director, Children's Services"]),
        ("Chair, ACPC", ["Chair, ACPC"]),
        ("MASH Manager, Sue Rogers", ["MASH Manager, Sue Rogers"]),
        ("Jane Smith, Head of Service", ["Jane Smith, Head of Service"]),
        ("John Smith, Mary Jones", ["John Smith", "Mary Jones"]),
        ("Jane Smith, Team Managers", ["Jane Smith", "Team Managers"]),
        (
            "Deputy Director, Education, Arts and Libraries",
            ["Deputy Director, Education, Arts and Libraries"],
        ),
        # ... while a comma between teams separates them.
        (
            "Paul Harris & Performance team, team managers",
            ["Paul Harris", "Performance team", "team managers"],
        ),
        (
            "Service Unit Managers, A.D. Quality and Support, Systems and Information Team",
            ["Service Unit Managers", "A.D. Quality and Support", "Systems and Information Team"],
        ),
        # Space-separated initials are separate keys.
        ("JH SMcL", ["JH", "SMcL"]),
        # A trailing full stop is dropped, but not the stop of dotted initials.
        ("MG.", ["MG"]),
        ("C.P. Manager.", ["C.P. Manager"]),
        ("A.D.", ["A.D."]),
        # Single leads as printed.
        ("SMcL", ["SMcL"]),
        ("ACPC", ["ACPC"]),
        ("ACPC Chair", ["ACPC Chair"]),
        ("C.P Manager", ["C.P Manager"]),
        ("C. P. Manager", ["C. P. Manager"]),
        ("ACPC Training sub-group", ["ACPC Training sub-group"]),
        ("All Case File Auditors", ["All Case File Auditors"]),
        ("Jane Hoey", ["Jane Hoey"]),
        # Nothing printed.
        (None, []),
        ("", []),
        ("  \n ", []),
        # The same lead twice is one lead.
        ("SM SM", ["SM"]),
    ],
)
def test_split_leads_follows_the_spec_rule(cell: str | None, expected: list[str]) -> None:
    assert split_leads(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # Lead cells from PDF tables: wrapped lines and roles run together.
        ("Assistant Director,\nChildren's Services", ["Assistant Director, Children's Services"]),
        (
            "Assistant Director,\nChildren's Services\nServices",
            ["Assistant Director, Children's Services Services"],
        ),
        (
            "Service Unit Managers\nAssistant Director Children's Services",
            ["Service Unit Managers", "Assistant Director Children's Services"],
        ),
        (
            "Service Unit Managers Assistant Director Children's Services",
            ["Service Unit Managers", "Assistant Director Children's Services"],
        ),
        (
            "Deputy Director, Education, Arts and Libraries Assistant Director, Children's Services"
            " Chair, ACPC",
            [
                "Deputy Director, Education, Arts and Libraries",
                "Assistant Director, Children's Services",
                "Chair, ACPC",
            ],
        ),
        (
            "Deputy Director, Education, Arts and Libraries\nAssistant Director, Children's Services"
            "\nChair, ACPC",
            [
                "Deputy Director, Education, Arts and Libraries",
                "Assistant Director, Children's Services",
                "Chair, ACPC",
            ],
        ),
        (
            "C.P. Manager SUM's and Senior\nComplaints Manager\nManager",
            ["C.P. Manager", "SUM's", "Senior Complaints Manager Manager"],
        ),
        (
            "C.P. Manager\nSUM's\nAssistant\nDirector,\nChildren's\nServices",
            ["C.P. Manager", "SUM's", "Assistant Director, Children's Services"],
        ),
        (
            "Children's\nServices Management\nteam A.D. Quality and\nSupport",
            ["Children's Services Management team", "A.D. Quality and Support"],
        ),
        ("Jane Hoey\nCath Thomas", ["Jane Hoey", "Cath Thomas"]),
        ("SM\noperational managers", ["SM", "operational managers"]),
        ("<p>Jane Hoey</p><p>Cath Thomas</p>", ["Jane Hoey", "Cath Thomas"]),
    ],
)
def test_split_leads_tells_wrapped_lines_from_new_leads(cell: str, expected: list[str]) -> None:
    assert split_leads(cell) == expected


S = SOFT_BREAK  # a line break the printed cell's width made (PDF), not its writer


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # Each line a whole lead: two leads, though the width broke the line.
        (f"Jane Hoey{S}Cath Thomas", ["Jane Hoey", "Cath Thomas"]),
        (f"Head of Safeguarding{S}Designated Nurse", ["Head of Safeguarding", "Designated Nurse"]),
        (f"Paul Harris{S}Performance{S}team{S}team managers",
         ["Paul Harris", "Performance team", "team managers"]),
        (f"A.D. Quality and{S}Support{S}Systems and{S}Information{S}Team",
         ["A.D. Quality and Support", "Systems and Information Team"]),
        # A role wrapped: one lead.
        (f"Head of Children's{S}Social Care", ["Head of Children's Social Care"]),
        (f"Learning and Development{S}Officer", ["Learning and Development Officer"]),
        (f"Partnership{S}Business Manager", ["Partnership Business Manager"]),
        (f"Service Unit{S}Managers{S}Assistant{S}Director", ["Service Unit Managers", "Assistant Director"]),
        (f"Team Manager{S}Front Door Team", ["Team Manager Front Door Team"]),
        (f"Assistant Director,{S}Children's Services", ["Assistant Director, Children's Services"]),
    ],
)  # fmt: skip
def test_split_leads_tells_a_wrap_from_a_lead_on_its_own_line(cell: str, expected: list[str]) -> None:
    assert split_leads(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Partnership Manager and Head of Early Help", ["Partnership Manager", "Head of Early Help"]),
        ("Director of Quality and Performance", ["Director of Quality and Performance"]),
        ("Head of Safeguarding\nDesignated Nurse", ["Head of Safeguarding", "Designated Nurse"]),
        ("Named GP; Designated Doctor", ["Named GP", "Designated Doctor"]),
        ("Police, Health and Children's Social Care", ["Police", "Health", "Children's Social Care"]),
        (
            "Deputy Director, Education, Arts and Libraries",
            ["Deputy Director, Education, Arts and Libraries"],
        ),
    ],
)
def test_a_post_of_something_is_a_whole_lead(cell: str, expected: list[str]) -> None:
    assert split_leads(cell) == expected


@pytest.mark.parametrize(
    ("cell", "keys", "expected"),
    [
        ("SM/Planning & Review unit", KEYS, ["SM", "Planning & Review unit"]),
        ("SM/Operational managers", KEYS, ["SM", "Operational managers"]),
        ("SM/Planning & Review unit", [], ["SM/Planning & Review unit"]),
        ("SM LM", ["SM", "LM"], ["SM", "LM"]),
        ("Bob Kay", ["Bob", "Kay"], ["Bob", "Kay"]),
        ("Bob Kay", [], ["Bob Kay"]),
    ],
)
def test_known_keys_mark_where_one_lead_ends(cell: str, keys: list[str], expected: list[str]) -> None:
    assert split_leads(cell, keys) == expected


def _golden_leads() -> list[tuple[str, list[str], list[str]]]:
    found: list[tuple[str, list[str], list[str]]] = []
    for path in GOLDEN:
        plan = json.loads(path.read_text(encoding="utf-8"))
        keys = [person["key"] for person in plan["people"]]
        actions = [action for rec in plan["recommendations"] for action in rec["actions"]] + plan["actions"]
        found.extend((path.stem, keys, action["leads"]) for action in actions if action["leads"])
    return found


@pytest.mark.skipif(not GOLDEN, reason=f"no golden documents at {SHARED / 'golden'}")
def test_every_golden_lead_stays_whole_and_slash_lists_split_back() -> None:
    leads = _golden_leads()
    assert len(leads) > 50
    unsplit = [
        (name, lead)
        for name, keys, action_leads in leads
        for lead in action_leads
        if split_leads(lead, keys) != [lead]
    ]
    assert unsplit == []
    resplit = [
        (name, action_leads)
        for name, keys, action_leads in leads
        if split_leads(" / ".join(action_leads), keys) != action_leads
    ]
    assert resplit == []
