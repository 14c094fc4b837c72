"""The text reader: encodings, binary junk, tab tables, HTML fragments in cells."""

from __future__ import annotations

import pytest

from actiontrack.importer.errors import UnreadableDocument
from actiontrack.importer.model import Paragraph, Table
from actiontrack.importer.readers import read_document
from actiontrack.importer.readers.encoding import decode
from actiontrack.importer.readers.text_reader import read, sniff

PLAN = "Plan title\n\nRef\tAction\tLead\n1\tDo the thing\tAB\n2\tDo the next thing\tCD\n\nSigned off.\n"


def test_tab_lines_form_one_table_between_paragraphs():
    doc = read(PLAN.encode(), "plan.txt")
    assert [type(b) for b in doc.blocks] == [Paragraph, Table, Paragraph]
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert table.rows == [
        ["Ref", "Action", "Lead"],
        ["1", "Do the thing", "AB"],
        ["2", "Do the next thing", "CD"],
    ]
    assert doc.kind == "text"


def test_blank_line_splits_tables_as_a_page_break_does():
    doc = read(b"A\tB\n1\t2\n\n3\t4\n", "p.txt")
    assert [len(b.rows) for b in doc.blocks if isinstance(b, Table)] == [2, 1]


def test_short_rows_are_padded_to_the_table_width():
    doc = read(b"A\tB\tC\n1\t2\n", "p.txt")
    assert doc.blocks[0].rows[1] == ["1", "2", ""]


def test_html_paragraphs_and_list_items_in_cells_become_lines():
    doc = read(b"A\tB\n<p>first</p> <p>second</p>\t<ul><li>one</li><li>two</li></ul>\n", "p.txt")
    assert doc.blocks[0].rows[1] == ["first\nsecond", "one\ntwo"]


def test_inline_markup_is_dropped_and_entities_decoded():
    doc = read(b"A\tB\n<i>Published</i> &amp; issued\tx\n", "p.txt")
    assert doc.blocks[0].rows[1][0] == "Published & issued"


def test_consecutive_prose_lines_stay_one_paragraph():
    doc = read(b"Serious Case Review\n(Action Plan October 2002)\n\nNext\n", "p.txt")
    assert [b.text for b in doc.blocks] == ["Serious Case Review\n(Action Plan October 2002)", "Next"]


@pytest.mark.parametrize(
    "data",
    [
        "Café – £5\tx".encode(),
        "\ufeffCafé – £5\tx".encode(),
        "Café – £5\tx".encode("utf-16"),
        "Café – £5\tx".encode("cp1252"),
    ],
)
def test_decodes_utf8_bom_utf16_and_windows_1252(data):
    assert decode(data).lstrip("\ufeff").startswith("Café – £5")


def test_latin1_bytes_that_are_not_cp1252_never_crash():
    assert decode(b"\x81\x8d caf\xe9")


def test_binary_junk_is_not_text():
    assert not sniff(b"\x00\x01\x02binary\x00" * 100, "x.bin")
    assert not sniff(bytes(range(1, 32)) * 50, "x.bin")
    with pytest.raises(UnreadableDocument):
        read(b"\x00\x00\x00\x00", "x.bin")


def test_plain_text_is_sniffed_and_chosen_by_the_registry():
    doc = read_document(PLAN.encode(), "plan.txt")
    assert doc.kind == "text"
