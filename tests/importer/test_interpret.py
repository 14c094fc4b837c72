"""Interpretation into actionplan/1: recommendations, actions, split rows, updates, plan fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from actiontrack.importer import UnreadableDocument, convert_bytes, convert_path, validate
from actiontrack.importer.splitting import due_items, lead_items, split_capital_starts, split_row

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def convert_text(text: str, name: str = "plan.txt") -> dict:
    return convert_bytes(text.encode("utf-8"), name)


def test_ref_recommendation_action_lead_due_rag_table():
    plan = convert_path(SAMPLES / "rag_table_plan.txt")
    validate(plan)
    assert plan["title"] == "Northshire Safeguarding Children Partnership Neglect Audit Action Plan"
    assert plan["owner"] == "Northshire Safeguarding Children Partnership"
    assert plan["as_of"] == "2021-05-12"
    assert plan["source"]["kind"] == "audit"
    assert [r["ref"] for r in plan["recommendations"]] == ["1", "2", "3"]
    first = plan["recommendations"][0]["actions"][0]
    assert first["text"] == "Relaunch the neglect toolkit with briefings for all practitioners"
    assert first["leads"] == ["AB", "CD"]
    assert first["due"] == {"text": "30/06/21", "date": "2021-06-30", "kind": "date"}
    assert [r["actions"][0]["status"] for r in plan["recommendations"]] == ["on_track", "at_risk", "delayed"]
    assert [e["code"] for e in plan["rag_scale"]] == ["green", "amber", "red"]
    assert plan["notes"] == []


def test_repeated_headers_across_page_breaks_give_one_table_and_whole_rows():
    plan = convert_path(SAMPLES / "page_break_plan.txt")
    recs = plan["recommendations"]
    assert [r["ref"] for r in recs] == ["1", "2", "3"]
    assert recs[1]["text"] == "Referrals should be acknowledged in writing within three working days."
    action = recs[1]["actions"][0]
    assert action["text"] == "Introduce a standard acknowledgement letter for all referring agencies"
    assert action["updates"] == [{"date": None, "text": "Letter drafted and agreed by the board."}]
    assert recs[2]["actions"][0]["status"] == "completed"


def test_dated_update_log_entries_become_separate_updates():
    plan = convert_path(SAMPLES / "update_log_plan.txt")
    assert plan["recommendations"] == []
    assert plan["title"] == "Early Help Improvement Plan" and plan["version"] == "V3"
    first, second, third = plan["actions"]
    assert first["ref"] == "1"
    assert first["updates"] == [
        {"date": "2019-01-10", "text": "Draft page written"},
        {"date": "2019-01-28", "text": "Completed and published"},
    ]
    assert first["status"] == "completed"
    assert second["leads"] == ["Sam Smith", "Ali Khan"]
    assert [u["date"] for u in second["updates"]] == ["2019-02-15", "2019-03-04"]
    assert third["updates"] == [] and third["due"]["kind"] == "mid_month"


def test_rag_key_table_gives_the_scale_and_colours_give_statuses():
    plan = convert_path(SAMPLES / "rag_key_plan.txt")
    assert plan["rag_scale"] == [
        {"code": "blue", "label": "Completed"},
        {"code": "green", "label": "On track"},
        {"code": "yellow", "label": "Some slippage"},
        {"code": "red", "label": "Off track"},
    ]
    a1, a2 = (r["actions"][0] for r in plan["recommendations"])
    assert a1["status"] == "completed"
    assert a2["status"] == "at_risk"
    assert [r["ref"] for r in plan["recommendations"]] == ["A1", "A2"]


def test_recommendation_headings_priorities_outcomes_and_measures_come_from_paragraphs():
    text = (
        "Improvement Plan\n\n"
        "Recommendation No. 3 - for improvement within 3 months\n\n"
        "Improve supervision.\n\n"
        "Outcomes: what difference will these actions make?\n\n"
        "- Better practice.\n- Fewer drift cases.\n\n"
        "... and how will we know?\n\n"
        "- Audit results.\n\n"
        "What we will do\tBy when\tLead\tUpdate August 2013\n"
        "1. Review the supervision policy.\tMarch 2013.\tKS\tCompleted.\n"
    )
    rec = convert_text(text)["recommendations"][0]
    assert rec["ref"] == "3" and rec["priority"] == "for improvement within 3 months"
    assert rec["text"] == "Improve supervision."
    assert rec["outcomes"] == ["Better practice.", "Fewer drift cases."]
    assert rec["measures"] == ["Audit results."]
    action = rec["actions"][0]
    assert action["ref"] == "1" and action["text"] == "Review the supervision policy."
    assert action["updates"] == [{"date": "2013-08-31", "text": "Completed."}]


def test_progress_with_nothing_further_planned_is_the_action_text():
    text = (
        "Ref\tRecommendation\tAction taken\tAction to be taken\tBy when\n"
        "1\tDo X.\tX was done.\t\tCompleted June 2003\n"
    )
    action = convert_text(text)["recommendations"][0]["actions"][0]
    assert action["text"] == "X was done." and action["updates"] == []
    assert action["status"] == "completed"


def test_section_and_reference_printed_inside_the_recommendation_cell():
    text = (
        "Recommendation\tAction to be taken\tBy when\n"
        "Fair Access 1.33 Services should inform families.\tRelaunch leaflets\tOctober 2003\n"
    )
    rec = convert_text(text)["recommendations"][0]
    assert (rec["section"], rec["ref"], rec["text"]) == (
        "Fair Access",
        "1.33",
        "Services should inform families.",
    )


def test_people_key_is_read_and_initials_are_known_leads():
    text = (
        "Plan\n\nNo\tRecommendation\tActions Required\tBy whom\n1\tDo it.\tAct\tSM/LM\n\n"
        "KEY: -\n\n- SM Steve Merrell, Manager (Operations)\n- LM Linda Maden, Review Manager\n"
    )
    plan = convert_text(text)
    assert plan["people"] == [
        {"key": "SM", "name": "Steve Merrell", "role": "Manager (Operations)"},
        {"key": "LM", "name": "Linda Maden", "role": "Review Manager"},
    ]
    assert plan["recommendations"][0]["actions"][0]["leads"] == ["SM", "LM"]
    assert plan["notes"] == []


def test_notes_after_the_tables_and_sign_off_date_give_as_of():
    text = (
        "Plan\n\nRef\tRecommendation\tNext steps\n1\tDo it.\tAct\n\n"
        "Agreed by the board on 3rd March 2004.\n\nJ Smith\n23.03.04\n"
    )
    plan = convert_text(text)
    assert plan["notes"] == ["Agreed by the board on 3rd March 2004.", "J Smith 23.03.04"]
    assert plan["as_of"] == "2004-03-23"


def test_prose_above_the_tables_is_a_note_not_part_of_the_title():
    text = (
        "Eastshire Safeguarding Adults Board\nSAR Action Plan\n\n"
        "This plan was agreed by the Board on 4 May 2021 and will be reviewed every quarter.\n\n"
        "Recommendation\tAction\tLead\tTimescale\n"
        "1. Improve escalation.\tPublish a policy\tSAB Manager\tJuly 2021\n"
    )
    plan = convert_text(text)
    assert plan["title"] == "Eastshire Safeguarding Adults Board SAR Action Plan"
    assert plan["owner"] == "Eastshire Safeguarding Adults Board"
    assert plan["notes"] == [
        "This plan was agreed by the Board on 4 May 2021 and will be reviewed every quarter."
    ]
    assert plan["as_of"] == "2021-05-04"
    assert plan["recommendations"][0]["ref"] == "1"


def test_document_without_a_table_is_refused_with_a_reason():
    with pytest.raises(UnreadableDocument, match="no table of recommendations or actions in notes.txt"):
        convert_text("Just a letter.\n\nNothing tabular here.\n", "notes.txt")


def test_several_actions_in_one_row_split_by_their_due_dates():
    parts = split_row(
        "Complete the position statement Report recommendations to the board",
        "June 2003 October 2003",
        "SM SM/LM",
        "Completed July 2003 Completed August 2003",
    )
    assert parts is not None
    assert [p.action for p in parts] == [
        "Complete the position statement",
        "Report recommendations to the board",
    ]
    assert [p.lead for p in parts] == ["SM", "SM/LM"]
    assert [p.progress for p in parts] == ["Completed July 2003", "Completed August 2003"]


def test_a_row_whose_items_do_not_line_up_stays_one_action():
    assert split_row("First.\nSecond.\nThird.", "March – June '04\nAnalysis in July.", "", "") is None
    assert split_row("One action", "June 2003", "", "") is None


def test_due_items_and_lead_items():
    assert due_items("With immediate effect March 2003 April 2003") == [
        "With immediate effect",
        "March 2003",
        "April 2003",
    ]
    assert due_items("- by 12th March - By end of March") == ["by 12th March", "By end of March"]
    assert due_items("April 2003 (and yearly thereafter)") == ["April 2003 (and yearly thereafter)"]
    assert lead_items("AS SM/Planning & Review unit", 2) == ["AS", "SM/Planning & Review unit"]
    assert lead_items("Jane Hoey", 2) == ["Jane Hoey", "Jane Hoey"]
    assert split_capital_starts("revised Child Protection procedures Publish them") == [
        "revised Child Protection procedures",
        "Publish them",
    ]


def test_recommendation_rows_across_the_table_head_the_action_rows_below():
    t = "\t"
    text = "\n".join(
        [
            "Westshire LSCB Practice Review Action Plan",
            "Last updated: 3 February 2020",
            "",
            t.join(
                [
                    "No.",
                    "Agreed action",
                    "Lead agency / officer",
                    "Target completion date",
                    "Progress update (January 2020)",
                ]
            ),
            t.join(
                ["Recommendation 1: Agencies should share information at the front door.", "", "", "", ""]
            ),
            t.join(["1.1", "Refresh the protocol", "MASH Manager", "31 March 2020", "Draft circulated."]),
            t.join(["1.2", "Brief GPs", "Named GP", "April 2020", ""]),
            t.join(["Recommendation 2: The board should seek assurance on neglect.", "", "", "", ""]),
            t.join(["2.1", "Report the neglect audit", "QA Chair", "June 2020", ""]),
        ]
    )
    plan = convert_text(text)
    assert plan["title"] == "Westshire LSCB Practice Review Action Plan"
    assert plan["owner"] == "Westshire LSCB" and plan["as_of"] == "2020-02-03"
    assert plan["source"]["kind"] == "practice_review"
    recs = plan["recommendations"]
    assert [(r["ref"], r["text"]) for r in recs] == [
        ("1", "Agencies should share information at the front door."),
        ("2", "The board should seek assurance on neglect."),
    ]
    assert [a["ref"] for a in recs[0]["actions"]] == ["1.1", "1.2"]
    assert recs[0]["actions"][0]["updates"] == [{"date": "2020-01-31", "text": "Draft circulated."}]
