"""Readers by explicit priority, and the HTML and Markdown readers."""

from actiontrack.importer.readers import _READERS, PRIORITY, reader_for


def test_readers_are_tried_by_priority_not_import_order():
    reader_for(b"x", "x.txt")  # loads the built-in readers
    names = [reader.name for reader in _READERS]
    assert names == sorted(names, key=lambda name: PRIORITY[name])
    assert names[-1] == "text"


def test_a_web_page_and_a_markdown_file_get_their_own_readers_but_html_fragments_in_text_do_not():
    assert reader_for(b"<!DOCTYPE html><html><body><p>x</p></body></html>", "plan.txt").name == "html"
    assert reader_for(b"# Plan\n\n| Ref | Action |\n|---|---|\n| 1 | Do |\n", "plan.md").name == "markdown"
    assert reader_for(b"Ref\tAction\n1\t<p>Do it</p>\n", "plan.txt").name == "text"


def test_shading_of_a_progress_cell_in_a_table_without_a_rag_column_is_the_actions_rag():
    import io

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from actiontrack.importer import convert_bytes

    document = docx.Document()
    document.add_heading("Neglect plan", level=1)
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Action", "Lead", "Progress"], strict=True):
        cell.text = text
    for cell, text in zip(
        table.rows[1].cells, ["Relaunch the toolkit", "Neglect Lead", "Briefing held."], strict=True
    ):
        cell.text = text
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "0070C0")
    table.cell(1, 2)._tc.get_or_add_tcPr().append(shading)
    buffer = io.BytesIO()
    document.save(buffer)
    action = convert_bytes(buffer.getvalue(), "neglect.docx")["actions"][0]
    assert (action["rag"], action["status"]) == ("blue", "completed")
    assert action["updates"] == [{"date": None, "text": "Briefing held."}]
