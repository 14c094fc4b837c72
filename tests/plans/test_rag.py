import datetime

import pytest

from actiontrack.plans import rag

TODAY = datetime.date(2026, 6, 15)
D = datetime.date


@pytest.mark.parametrize(
    ("status", "due", "last_update", "meaning", "reason"),
    [
        ("completed", D(2004, 3, 31), None, "completed", "completed"),
        (None, D(2026, 4, 14), None, "delayed", "due 14 April 2026, 2 months overdue"),
        (None, D(2004, 3, 31), None, "delayed", "due 31 March 2004, 22 years overdue"),
        ("delayed", D(2026, 12, 31), TODAY, "delayed", "reported delayed"),
        (None, D(2026, 6, 10), TODAY, "at_risk", "due 10 June 2026, 5 days overdue"),
        ("on_track", D(2026, 5, 20), TODAY, "at_risk", "due 20 May 2026, 3 weeks overdue"),
        ("at_risk", D(2026, 12, 31), TODAY, "at_risk", "reported at risk"),
        (None, D(2026, 12, 31), D(2026, 2, 1), "at_risk", "no update for 4 months"),
        ("ongoing", None, D(2026, 6, 1), "on_track", "no due date, on track"),
        (None, D(2026, 12, 31), D(2026, 6, 1), "on_track", "due 31 December 2026, on track"),
        (None, D(2026, 6, 15), None, "on_track", "due 15 June 2026, on track"),
    ],
)
def test_assess_gives_rag_with_reason(status, due, last_update, meaning, reason):
    result = rag.assess(status=status, due_date=due, last_update_on=last_update, today=TODAY)
    assert (result.meaning, result.reason) == (meaning, reason)


def test_overdue_action_turns_red_only_past_the_plans_threshold():
    due = D(2026, 6, 1)  # 14 days overdue
    lenient = rag.Thresholds(red_after_days=30)
    strict = rag.Thresholds(red_after_days=7)
    assert rag.assess(
        status=None, due_date=due, last_update_on=TODAY, today=TODAY, thresholds=lenient
    ).meaning == ("at_risk")
    assert rag.assess(
        status=None, due_date=due, last_update_on=TODAY, today=TODAY, thresholds=strict
    ).meaning == ("delayed")


def test_stale_threshold_is_a_setting_of_the_plan():
    last = D(2026, 5, 1)  # 45 days ago
    assert rag.assess(
        status=None,
        due_date=None,
        last_update_on=last,
        today=TODAY,
        thresholds=rag.Thresholds(stale_after_days=30),
    ).reason == ("no update for 6 weeks")


def test_plan_scale_names_at_risk_yellow_when_its_key_says_so():
    scale = rag.RagScale.from_entries(
        [
            {"code": "blue", "label": "Completed"},
            {"code": "green", "label": "On Track"},
            {"code": "yellow", "label": "In progress – potential problems"},
            {"code": "red", "label": "Delayed"},
        ]
    )
    assessment = rag.Assessment("at_risk", "reported at risk")
    assert assessment.describe(scale) == "Yellow: reported at risk"
    assert scale.label_for("yellow") == "In progress – potential problems"
    assert assessment.describe() == "Amber: reported at risk"


def test_describe_reads_like_the_tag_on_the_page():
    result = rag.assess(status=None, due_date=D(2004, 3, 31), last_update_on=None, today=D(2004, 6, 2))
    assert result.describe() == "Red: due 31 March 2004, 2 months overdue"


@pytest.mark.parametrize(
    ("start", "end", "words"),
    [
        (D(2026, 6, 14), D(2026, 6, 15), "1 day"),
        (D(2026, 6, 1), D(2026, 6, 15), "2 weeks"),
        (D(2026, 4, 15), D(2026, 6, 15), "2 months"),
        (D(2026, 4, 16), D(2026, 6, 15), "8 weeks"),
        (D(2024, 6, 15), D(2026, 6, 15), "2 years"),
    ],
)
def test_how_long_uses_the_largest_sensible_unit(start, end, words):
    assert rag.how_long(start, end) == words
