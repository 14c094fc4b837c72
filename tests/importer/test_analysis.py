"""What the preview shows besides the plan: the columns' roles and the text left unplaced."""

from actiontrack.importer import analyse

PLAN = "\n".join(
    [
        "Supervision audit action plan",
        "",
        "Ref\tRecommendation\tAction\tLead\tDue\tEvidence",
        "1\tImprove supervision.\tRevise the supervision policy\tAB\tMarch 2022\tPolicy on the intranet",
        "",
        "Signed:\tJ Smith\tChair",
    ]
).encode()


def test_columns_are_reported_with_the_roles_their_headers_gave():
    conversion = analyse(PLAN, "audit.txt")
    assert {c["header"]: c["role"] for c in conversion.columns} == {
        "Ref": "ref",
        "Recommendation": "recommendation",
        "Action": "action",
        "Lead": "lead",
        "Due": "due",
        "Evidence": "evidence",
    }


def test_text_that_fits_no_field_is_reported_unplaced_and_evidence_has_its_own_field():
    conversion = analyse(PLAN, "audit.txt")
    assert "Signed: | J Smith | Chair" in conversion.unplaced
    assert "Policy on the intranet" not in conversion.unplaced
    assert conversion.document["recommendations"][0]["actions"][0]["evidence"] == ["Policy on the intranet"]


def test_a_column_given_another_role_is_read_again_that_way():
    conversion = analyse(PLAN, "audit.txt", column_roles={"Evidence": "progress", "Lead": None})
    action = conversion.document["recommendations"][0]["actions"][0]
    assert action["updates"] == [{"date": None, "text": "Policy on the intranet"}]
    assert action["leads"] == []
    assert "Policy on the intranet" not in conversion.unplaced
