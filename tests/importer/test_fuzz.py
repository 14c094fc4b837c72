"""Fuzzing: hundreds of damaged copies of one valid plan per format are each read or refused clearly.

Each copy is made from a seeded random generator (so a failure names a case that can be made again):
bytes flipped, the file cut short, random bytes let in, and for the zip-based formats a part's XML
damaged (digits made huge, tags cut) and rezipped, or the archive's own fields changed (an unknown
compression method). The whole run happens in one forked child with the reading limits' memory cap;
the parent gives each case a time limit, so a hang names its case too. Nothing may come back but a
plan or an UnreadableDocument.
"""

from __future__ import annotations

import contextlib
import io
import multiprocessing
import os
import random
import re
import resource
import struct
import time
import zipfile
from collections.abc import Callable
from typing import Any

from actiontrack.importer import UnreadableDocument, convert_bytes, limits
from tests.importer import bombs

CASES = {"docx": 400, "xlsx": 400, "pdf": 400, "csv": 400, "txt": 400}
SECONDS_PER_CASE = 10
MEMORY_MB = 500  # the most the child may grow by, reading any one case


def originals() -> dict[str, bytes]:
    rows = bombs.PLAN_ROWS
    csv_text = "\n".join(",".join(f'"{cell}"' if "," in cell else cell for cell in row) for row in rows)
    return {
        "docx": bombs.plan_docx(),
        "xlsx": bombs.plan_xlsx(),
        "pdf": bombs.plan_pdf(compress=True),  # deflated, so that flips reach zlib and pdfium's inflater
        "csv": ("Action plan\n" + csv_text + "\n").encode(),
        "txt": ("Action plan\n\n" + "\n".join("\t".join(row) for row in rows) + "\n").encode("cp1252"),
    }


# --- Mutations ----------------------------------------------------------------------------------------


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def insert_junk(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data))
    return data[:at] + rng.randbytes(rng.randint(1, 64)) + data[at:]


def repeat_a_slice(data: bytes, rng: random.Random) -> bytes:
    start = rng.randrange(len(data))
    piece = data[start : start + rng.randint(1, 200)]
    return data[:start] + piece * rng.randint(2, 50) + data[start:]


_DIGITS = re.compile(rb"\d+")
_HUGE = [b"99999999999999999999", b"-1", b"0", b"4294967296", b"1e20", b"NaN", b""]


def damage_a_part(data: bytes, rng: random.Random) -> bytes:
    """Rezip with one XML part damaged: numbers made huge or odd, tags cut, bytes flipped."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))]
    name = rng.choice(names)
    xml = archive.read(name)
    choice = rng.randrange(3)
    if choice == 0:
        numbers = list(_DIGITS.finditer(xml))
        for match in rng.sample(numbers, min(len(numbers), rng.randint(1, 5))):
            xml = xml[: match.start()] + rng.choice(_HUGE) + xml[match.end() :]
    elif choice == 1:
        xml = truncate(xml, rng)
    else:
        xml = flip_bytes(xml, rng)
    return bombs.rezip(data, {name: xml})


def change_zip_fields(data: bytes, rng: random.Random) -> bytes:
    """Change a central-directory entry's compression method or sizes (unknown method, lies about sizes)."""
    out = bytearray(data)
    entries = [m.start() for m in re.finditer(rb"PK\x01\x02", data)]
    at = rng.choice(entries)
    field, value = rng.choice([(10, rng.choice([1, 6, 12, 14, 98, 99])), (20, 0xFFFFFFFF), (24, 1 << 30)])
    fmt = "<H" if field == 10 else "<I"
    struct.pack_into(fmt, out, at + field, value)
    return bytes(out)


TEXT_MUTATIONS = [flip_bytes, truncate, insert_junk, repeat_a_slice]
ZIP_MUTATIONS = [*TEXT_MUTATIONS, damage_a_part, damage_a_part, change_zip_fields]
MUTATIONS: dict[str, list[Callable[[bytes, random.Random], bytes]]] = {
    "docx": ZIP_MUTATIONS,
    "xlsx": ZIP_MUTATIONS,
    "pdf": TEXT_MUTATIONS,
    "csv": TEXT_MUTATIONS,
    "txt": TEXT_MUTATIONS,
}


def mutant(fmt: str, original: bytes, seed: int) -> bytes:
    rng = random.Random(f"{fmt}-{seed}")
    data = original
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        mutation = rng.choice(MUTATIONS[fmt])
        # A zip an earlier mutation damaged may not rezip: it is then kept as it is.
        with contextlib.suppress(Exception):
            data = mutation(data, rng)
    return data


# --- The run ------------------------------------------------------------------------------------------


def fuzz_in_child(sender: Any) -> None:
    """Read every case, telling the parent which is next; report anything but a plan or a clear refusal."""
    with open("/proc/self/statm") as statm:
        start = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    memory = start + MEMORY_MB * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    for fmt, original in originals().items():
        for seed in range(CASES[fmt]):
            data = mutant(fmt, original, seed)
            sender.send(("case", (fmt, seed)))
            filename = f"fuzz-{seed}.{fmt}"
            try:
                convert_bytes(data, filename)
            except UnreadableDocument as error:
                if filename not in str(error):
                    sender.send(("problem", (fmt, seed, f"message without the file's name: {error}")))
            except BaseException as error:  # noqa: BLE001 - exactly what the test is looking for
                sender.send(("problem", (fmt, seed, repr(error))))
    sender.send(("done", None))


def test_damaged_documents_of_every_format_are_read_or_refused_clearly():
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=fuzz_in_child, args=(sender,), daemon=True)
    started = time.perf_counter()
    child.start()
    sender.close()
    problems: list[tuple[str, int, str]] = []
    current = None
    try:
        while True:
            assert receiver.poll(SECONDS_PER_CASE), f"case {current} unread after {SECONDS_PER_CASE} s"
            try:
                kind, value = receiver.recv()
            except EOFError:
                raise AssertionError(f"the reader died at case {current} (exit {child.exitcode})") from None
            if kind == "case":
                current = value
            elif kind == "problem":
                problems.append(value)
            else:
                break
    finally:
        child.kill()
        child.join()
    assert not problems, "\n".join(f"{fmt} seed {seed}: {error}" for fmt, seed, error in problems)
    assert time.perf_counter() - started < 120
    assert limits.READ_MEMORY_BYTES >= MEMORY_MB * 2**20  # the cap here is no looser than the sandbox's
