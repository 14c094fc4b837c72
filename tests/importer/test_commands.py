import json

import pytest
from django.core.management import CommandError, call_command

from actiontrack.lib.schema import validation_errors
from actiontrack.plans.models import Plan
from tests.conftest import REPO_DIR

SAMPLES = REPO_DIR / "tests" / "samples"


def test_convert_writes_valid_actionplan_json_without_touching_the_database(tmp_path):
    # No django_db mark: pytest-django fails any query this test makes.
    out = tmp_path / "plan.json"
    call_command("convert", str(SAMPLES / "rag_table_plan.txt"), "-o", str(out))
    document = json.loads(out.read_text(encoding="utf-8"))
    assert validation_errors(document) == []
    assert len(document["recommendations"]) == 3


@pytest.mark.django_db
def test_import_saves_each_file_as_a_plan_and_reports_the_ones_it_cannot_read(tmp_path):
    junk = tmp_path / "junk.docx"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(CommandError) as raised:
        call_command(
            "import", str(SAMPLES / "rag_table_plan.txt"), str(junk), str(SAMPLES / "update_log_plan.txt")
        )
    assert "junk.docx" in str(raised.value)
    assert Plan.objects.count() == 2


def test_convert_of_a_missing_file_says_so(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("convert", str(tmp_path / "nope.docx"))
