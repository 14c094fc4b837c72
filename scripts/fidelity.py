"""Convert every seed plan and score it against its golden file.

    .venv/bin/python scripts/fidelity.py [-v] [--keep DIR]

Seeds and golden files live in ../shared (beside the repository root); the
scores are printed by ../shared/tools/score_import.py.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from actiontrack.importer import UnreadableDocument, convert_path  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="list every field that differs")
    parser.add_argument("--keep", help="write the converted documents here instead of a temporary folder")
    args = parser.parse_args()
    if not (SHARED / "seeds").is_dir():
        print(f"No seeds at {SHARED / 'seeds'}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(args.keep or temporary)
        out.mkdir(parents=True, exist_ok=True)
        for seed in sorted((SHARED / "seeds").iterdir()):
            try:
                document = convert_path(seed)
            except UnreadableDocument as error:
                print(f"{seed.name}: {error}", file=sys.stderr)
                continue
            (out / f"{seed.stem}.json").write_text(
                json.dumps(document, ensure_ascii=False, indent=2), "utf-8"
            )
        command = [
            sys.executable,
            str(SHARED / "tools" / "score_import.py"),
            "--golden-dir",
            str(SHARED / "golden"),
            "--candidate-dir",
            str(out),
        ]
        if args.verbose:
            command.append("-v")
        return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())
