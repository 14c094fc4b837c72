"""Earlier imports, warned of in the preview: the same file, or a plan of the same title, that one may see."""

from __future__ import annotations

from actiontrack.importer.drafts import confirm_draft
from actiontrack.importer.duplicates import earlier_imports
from actiontrack.importer.models import ImportDraft
from tests import factories
from tests.test_access_matrix import draft_document

DATA = b"Ref\tAction\n1\tDo it\n"


def draft_of(user, data=DATA, title="Front door plan"):
    document = draft_document()
    document["title"] = title
    return ImportDraft.objects.create(
        user=user, filename="plan.txt", data=data, document=document, columns=[], unplaced=[]
    )


def test_the_same_file_and_the_same_title_are_found_once_confirmed(db):
    owner = factories.UserFactory()
    assert earlier_imports(owner, draft_of(owner)) == {"same_file": [], "same_title": []}
    plan = confirm_draft(draft_of(owner))

    again = earlier_imports(owner, draft_of(owner))
    assert [record.plan for record in again["same_file"]] == [plan]
    assert again["same_title"] == []  # the plan is named once, as the same file

    other_file = earlier_imports(owner, draft_of(owner, data=b"Ref\tAction\n1\tDo it again\n"))
    assert other_file["same_file"] == [] and other_file["same_title"] == [plan]
    assert other_file["same_title"][0].imported_at is not None


def test_plans_one_may_not_see_are_never_named(db):
    owner, stranger = factories.UserFactory(), factories.UserFactory()
    confirm_draft(draft_of(owner))
    assert earlier_imports(stranger, draft_of(stranger)) == {"same_file": [], "same_title": []}
