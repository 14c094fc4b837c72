import pytest

from actiontrack.lib.text import clean, lines, strip_markup


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("plain text", "plain text"),
        ("<p>One</p><p>Two</p>", "\nOne\n\nTwo\n"),
        ("<i>Completed</i>", "Completed"),
        ("A<br>B<br/>C<br />D", "A\nB\nC\nD"),
        ('<ul style="list-style-type: none"><li>One</li><li>Two</li></ul>', "\n\nOne\n\nTwo\n\n"),
        ("Health &amp; Wellbeing", "Health & Wellbeing"),
        ("&lt;not a tag&gt;", "<not a tag>"),
        ("<div>Row</div><tr><td>cell</td></tr>", "\nRow\n\n\ncell\n\n"),
        ("<span class='x'>inline</span> <b>bold</b> <strong>s</strong>", "inline bold s"),
        ("Budget from £52.5k – Children’s", "Budget from £52.5k – Children’s"),
        ("x < y and y > z", "x < y and y > z"),
        ("<!-- note --><p>kept</p>", "\nkept\n"),
    ],
)
def test_strip_markup_removes_tags_and_keeps_blocks_as_lines(raw: str, expected: str) -> None:
    assert strip_markup(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("   \n\t ", ""),
        ("  Completed  ", "Completed"),
        ("Assistant Director,\nChildren's Services", "Assistant Director, Children's Services"),
        ("a\t\tb\xa0\xa0c", "a b c"),
        (
            "<p>March – June '04</p> <p>Analysis presented to July ACPC.</p>",
            "March – June '04 Analysis presented to July ACPC.",
        ),
        ("<p><i>Completed</i></p>", "Completed"),
        ("Children’s £234k – done", "Children’s £234k – done"),
        ("A &amp; B", "A & B"),
    ],
)
def test_clean_collapses_whitespace_and_drops_markup(raw: str | None, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("", []),
        ("One\n\n  Two  \n", ["One", "Two"]),
        ("<p>First para</p> <p>Second para</p>", ["First para", "Second para"]),
        (
            '<ul style="list-style-type: none"> • Training one • Training two </ul>',
            ["Training one", "Training two"],
        ),
        ("- by 12 th March\n- by 15 th March", ["by 12 th March", "by 15 th March"]),
        ("· item a\n· item b", ["item a", "item b"]),
        ("• lone", ["lone"]),
        ("self-analysis by each agency", ["self-analysis by each agency"]),
        ("Ongoing – to review progress", ["Ongoing – to review progress"]),
        ("<li>One</li><li>Two &amp; three</li>", ["One", "Two & three"]),
        ("Service Unit Managers\nAssistant Director", ["Service Unit Managers", "Assistant Director"]),
    ],
)
def test_lines_splits_paragraphs_and_bullets(raw: str, expected: list[str]) -> None:
    assert lines(raw) == expected
