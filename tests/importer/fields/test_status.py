import pytest

from actiontrack.importer.fields.status import RAG_STATUS, status_from_rag, status_from_words

RAG_SCALE = [
    {"code": "blue", "label": "Completed"},
    {"code": "green", "label": "On Track"},
    {"code": "yellow", "label": "In progress – potential problems"},
    {"code": "red", "label": "Delayed"},
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The opening words say the action itself is done.
        ("Completed.", "completed"),
        ("Completed", "completed"),
        ("Complete", "completed"),
        ("Completed July 2003", "completed"),
        ("Completed Summer 2002", "completed"),
        ("Completed 2002", "completed"),
        ("Completed on 2.2.18", "completed"),
        ("Completed and published July 2003", "completed"),
        ("Completed – draft prepared; further work in place to finalise.", "completed"),
        ("Implemented September 2001", "completed"),
        ("Pilot complete and will continue as BAU", "completed"),
        ("The pilot is now complete.", "completed"),
        ("- Completed", "completed"),
        ("<i>Completed</i>", "completed"),
        # An entry that says both is completed.
        ("Complete – regular updates ongoing", "completed"),
        # Continuing.
        ("Ongoing", "ongoing"),
        ("ongoing, further reduction to 215", "ongoing"),
        ("Ongoing – to review progress at July ACPC", "ongoing"),
        ("Ongoing Review Oct ACPC.", "ongoing"),
        ("Continuing", "ongoing"),
        ("continuing", "ongoing"),
        ("On-going", "ongoing"),
        ("Still ongoing", "ongoing"),
        # Delayed.
        ("Delayed", "delayed"),
        ("Delayed due to staff sickness", "delayed"),
        # Words about something else give nothing.
        ("agencies have completed their response", None),
        ("Business Plan completed by September '04", None),
        ("W Herts. PCTs & Hospital Trusts have completed their response", None),
        ("Continuing delays due to performance team sickness.", None),
        ("Completed by end of March", None),
        ("Not completed", None),
        ("Guidance issued September 2002", None),
        ("Revised timescale of January 2014", None),
        ("In place already", None),
        ("", None),
        (None, None),
    ],
)
def test_status_from_words_reads_only_the_opening_words(text: str | None, expected: str | None) -> None:
    assert status_from_words(text) == expected


@pytest.mark.parametrize(
    ("value", "scale", "expected"),
    [
        ("blue", RAG_SCALE, "completed"),
        ("Blue", RAG_SCALE, "completed"),
        ("Completed", RAG_SCALE, "completed"),
        ("green", RAG_SCALE, "on_track"),
        ("On Track", RAG_SCALE, "on_track"),
        ("yellow", RAG_SCALE, "at_risk"),
        ("In progress – potential problems", RAG_SCALE, "at_risk"),
        ("red", RAG_SCALE, "delayed"),
        ("Delayed", RAG_SCALE, "delayed"),
        ("amber", [], "at_risk"),
        ("At risk", [], "at_risk"),
        ("G", [], "on_track"),
        ("A", [], "at_risk"),
        ("R", [], "delayed"),
        # A key whose label says more than its colour: the label wins.
        ("green", [{"code": "green", "label": "Completed"}], "completed"),
        ("amber", [{"code": "amber", "label": "Not started"}], "not_started"),
        ("red", [{"code": "red", "label": "Not completed"}], "delayed"),
        # Status words of other trackers' status columns.
        ("Complete", [], "completed"),
        ("On track", [], "on_track"),
        ("Not started", [], "not_started"),
        ("Delayed", [], "delayed"),
        ("Partially complete", [], "on_track"),
        ("Underway", [], "on_track"),
        ("Slipped", [], "delayed"),
        ("On hold", [], "delayed"),
        ("Embedded", [], "completed"),
        ("Open", [], None),
        ("purple", RAG_SCALE, None),
        ("", RAG_SCALE, None),
        (None, RAG_SCALE, None),
    ],
)
def test_status_from_rag_maps_colours_and_labels(
    value: str | None, scale: list[dict[str, str]], expected: str | None
) -> None:
    assert status_from_rag(value, scale) == expected


def test_rag_defaults_cover_every_colour_code() -> None:
    assert RAG_STATUS == {
        "blue": "completed",
        "green": "on_track",
        "yellow": "at_risk",
        "amber": "at_risk",
        "orange": "at_risk",
        "red": "delayed",
    }
