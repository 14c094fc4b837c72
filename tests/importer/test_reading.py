"""Uploads are read in the background: the upload answers at once, a page shows the progress, then the
preview or why the document could not be read; the web server answers meanwhile."""

from __future__ import annotations

import datetime
import threading
import time
from io import StringIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from actiontrack.importer import drafts, sandbox
from actiontrack.importer.models import ImportDraft
from actiontrack.plans.models import Plan
from tests.conftest import REPO_DIR, signed_in
from tests.importer import bombs
from tests.importer.conftest import DATABASE_QUEUE

SAMPLE = REPO_DIR / "tests" / "samples" / "rag_table_plan.txt"
MERGED_BOMB = bombs.xlsx_with_ranges("mergeCell", ["A1:XFD1048576"])


def upload(client: Client, name: str, data: bytes) -> Any:
    return client.post("/imports/new", {"document": SimpleUploadedFile(name, data)})


def run_worker() -> None:
    call_command("worker", batch=True, verbosity=0, stdout=StringIO())


@pytest.mark.django_db(transaction=True)
def test_upload_answers_at_once_and_the_worker_reads_it_into_the_preview(settings, plan_owner):
    settings.TASKS = DATABASE_QUEUE
    client = signed_in(plan_owner)
    response = upload(client, "neglect.txt", SAMPLE.read_bytes())
    draft = ImportDraft.objects.get()
    assert response["Location"] == f"/imports/{draft.pk}/reading"
    assert draft.state == ImportDraft.State.READING
    page = client.get(f"/imports/{draft.pk}/reading").content.decode()
    assert "Reading your document…" in page and "Waiting to be read" in page
    assert "This page refreshes itself" in page  # how it refreshes is the page's own (script or meta)
    assert "neglect.txt" in client.get("/imports/new").content.decode()  # listed among the waiting imports
    assert client.get(f"/imports/{draft.pk}").status_code == 404  # nothing to preview yet

    run_worker()

    draft.refresh_from_db()
    assert (draft.state, draft.progress) == (ImportDraft.State.READY, "")
    response = client.get(f"/imports/{draft.pk}/reading")
    assert response.status_code == 302 and response["Location"] == f"/imports/{draft.pk}"
    assert "Relaunch the neglect toolkit" in client.get(f"/imports/{draft.pk}").content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_bomb_is_refused_by_the_worker_with_the_limit_named_and_nothing_kept(settings, plan_owner):
    settings.TASKS = DATABASE_QUEUE
    client = signed_in(plan_owner)
    response = upload(client, "merged.xlsx", MERGED_BOMB)
    draft = ImportDraft.objects.get()
    assert response["Location"] == f"/imports/{draft.pk}/reading"

    run_worker()

    draft.refresh_from_db()
    assert draft.state == ImportDraft.State.FAILED and bytes(draft.data) == b""
    page = client.get(f"/imports/{draft.pk}/reading").content.decode()
    assert "ActionTrack could not read this document" in page and "Nothing was saved" in page
    assert "merged ranges cover at most 100,000 cells" in page
    assert "http-equiv" not in page  # nothing more to wait for
    assert not drafts.waiting(plan_owner).exists()  # it neither counts to the quota nor waits in the list
    assert client.post(f"/imports/{draft.pk}/discard").status_code == 302
    assert not ImportDraft.objects.exists() and not Plan.objects.exists()


@pytest.mark.django_db
def test_with_tasks_run_as_queued_a_bomb_is_refused_on_the_upload_page(plan_owner):
    response = upload(signed_in(plan_owner), "merged.xlsx", MERGED_BOMB)
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "merged.xlsx has merged (or linked) ranges covering more than 100,000 cells" in page
    assert not ImportDraft.objects.exists()


@pytest.mark.django_db
def test_reading_page_shows_progress_and_says_when_reading_has_stalled(plan_owner, outsider, administrator):
    draft = ImportDraft.objects.create(
        user=plan_owner, filename="plan.pdf", data=b"%PDF-", state=ImportDraft.State.READING
    )
    ImportDraft.objects.filter(pk=draft.pk).update(progress="Reading page 3 of 12")
    client = signed_in(plan_owner)
    assert "Reading page 3 of 12" in client.get(f"/imports/{draft.pk}/reading").content.decode()
    ImportDraft.objects.filter(pk=draft.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=10))
    page = client.get(f"/imports/{draft.pk}/reading").content.decode()
    assert "taking much longer than reading any document should" in page and "http-equiv" not in page
    for user in (outsider, administrator):
        assert signed_in(user).get(f"/imports/{draft.pk}/reading").status_code == 404
        assert signed_in(user).post(f"/imports/{draft.pk}/discard").status_code == 404


@pytest.mark.django_db
def test_health_check_answers_at_once_while_a_document_is_being_read(monkeypatch):
    """The reading happens in a child process: the server's own process stays free to answer."""

    def unforeseen_bomb(*args: Any) -> None:
        ends = time.process_time() + 4
        while time.process_time() < ends:
            pass

    monkeypatch.setattr(sandbox, "analyse", unforeseen_bomb)
    reading = threading.Thread(target=sandbox.read_bounded, args=(b"%PDF-", "slow.pdf"))
    reading.start()
    try:
        time.sleep(0.5)
        client = Client()
        for _ in range(5):
            started = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            assert time.perf_counter() - started < 1
        assert reading.is_alive()  # the document was still being read throughout
    finally:
        reading.join(timeout=30)
