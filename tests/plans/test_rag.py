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
        ("ongoing", None, D(2026, 6, 1), "on_track", "ongoing, last update 1 June 2026"),
        (None, D(2026, 12, 31), D(2026, 6, 1), "on_track", "due 31 December 2026, on track"),
        (None, D(2026, 6, 15), None, "on_track", "due 15 June 2026, on track"),  # added today
    ],
)
def test_assess_gives_rag_with_reason(status, due, last_update, meaning, reason):
    result = rag.assess(status=status, due_date=due, last_update_on=last_update, today=TODAY, added_on=TODAY)
    assert (result.meaning, result.reason) == (meaning, reason)


# An action with no due date is Green only when reported on within the stale period (90 days), counted
# from its latest update or, with none, from the plan's progress reported at date or the day the action
# was added, whichever is earlier. An undated update (an imported document's) was reported at the
# plan's progress reported at date; with none, it has no known day.
@pytest.mark.parametrize(
    ("kind", "update", "updated", "added", "reported_at", "meaning", "reason"),
    [
        ("ongoing", D(2026, 5, 3), True, D(2020, 1, 1), None, "on_track", "ongoing, last update 3 May 2026"),
        (
            "immediate",
            D(2026, 5, 3),
            True,
            None,
            None,
            "on_track",
            "with immediate effect, last update 3 May 2026",
        ),
        (
            "unspecified",
            D(2026, 3, 17),
            True,
            None,
            None,
            "on_track",
            "no due date, last update 17 March 2026",
        ),
        (
            "unspecified",
            D(2026, 3, 16),
            True,
            None,
            None,
            "at_risk",
            "no due date and no update since 16 March 2026",
        ),
        (
            "event",
            D(2018, 3, 8),
            True,
            None,
            D(2018, 6, 14),
            "at_risk",
            "no due date and no update since 8 March 2018",
        ),
        # Undated updates count from the plan's progress reported at date ...
        ("ongoing", None, True, TODAY, D(2026, 5, 1), "on_track", "ongoing, last update 1 May 2026"),
        (
            "ongoing",
            None,
            True,
            TODAY,
            D(2018, 6, 14),
            "at_risk",
            "no due date and no update since 14 June 2018",
        ),
        # ... and without one, they have no known day: the day of the import does not count.
        ("immediate", None, True, TODAY, None, "at_risk", "no due date and no dated update"),
        # Never updated: from the day added or the plan's progress reported at date, the earlier.
        ("ongoing", None, False, D(2026, 6, 1), None, "on_track", "ongoing, no update yet"),
        (
            "ongoing",
            None,
            False,
            D(2026, 3, 1),
            None,
            "at_risk",
            "no due date and no update since 1 March 2026",
        ),
        (None, None, False, TODAY, D(2018, 6, 14), "at_risk", "no due date and no update since 14 June 2018"),
        (None, None, False, None, None, "at_risk", "no due date and no update"),
    ],
)
def test_undated_action_is_green_only_when_recently_reported(
    kind, update, updated, added, reported_at, meaning, reason
):
    result = rag.assess(
        status=None,
        due_date=None,
        last_update_on=update,
        today=TODAY,
        updated=updated,
        added_on=added,
        reported_at=reported_at,
        due_kind=kind,
    )
    assert (result.meaning, result.reason) == (meaning, reason)


@pytest.mark.parametrize(
    ("last_update", "added", "reported_at", "reason"),
    [
        (None, D(2026, 3, 1), None, "no update since 1 March 2026"),  # never updated since added
        (None, TODAY, D(2026, 3, 1), "no update since 1 March 2026"),  # imported: progress reported at
        (D(2026, 3, 1), TODAY, None, "no update for 3 months"),
    ],
)
def test_dated_action_not_reported_on_within_the_stale_period_is_amber(
    last_update, added, reported_at, reason
):
    result = rag.assess(
        status=None,
        due_date=D(2026, 12, 31),
        last_update_on=last_update,
        today=TODAY,
        added_on=added,
        reported_at=reported_at,
    )
    assert (result.meaning, result.reason) == ("at_risk", reason)


@pytest.mark.parametrize(
    ("reported", "on", "due", "last_update", "says"),
    [
        (
            "amber",
            D(2026, 5, 20),
            D(2013, 12, 31),
            TODAY,
            "Reported Amber on 20 May 2026; shown Red because it was due on 31 December 2013",
        ),
        (
            "green",
            D(2026, 1, 5),
            D(2026, 12, 31),
            D(2026, 1, 5),
            "Reported Green on 5 January 2026; shown Amber because there has been no update for 5 months",
        ),
        ("amber", D(2026, 6, 1), D(2026, 12, 31), TODAY, ""),  # reported at risk, shown at risk
    ],
)
def test_page_says_why_the_worked_out_rag_differs_from_the_reported_one(reported, on, due, last_update, says):
    status = rag.COLOUR_MEANINGS[reported]
    result = rag.assess(status=status, due_date=due, last_update_on=last_update, today=TODAY, added_on=TODAY)
    assert rag.reported_differs(result, reported, on) == says


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
        due_date=D(2026, 12, 31),
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
