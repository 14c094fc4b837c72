"""Words a board report prints in every format: the title line, a due date, the latest update."""

from __future__ import annotations

import datetime
from typing import Any

from actiontrack.plans.rag import format_date


def day(value: str | None) -> str:
    """Write an ISO date as people do: 14 June 2018."""
    return format_date(datetime.date.fromisoformat(value)) if value else ""


def title_line(report: dict[str, Any]) -> str:
    line = f"Board report as at {day(report['as_at'])}"
    if report.get("version"):
        version = report["version"]
        line += f" · version {version['label']}, frozen by {version['frozen_by'] or 'the command line'}"
    if report.get("since"):
        line += f" · changes since {report['since']['label']}"
    return line


def due_words(action: dict[str, Any]) -> str:
    """Return the due date as written, the date it means, and the original where it was revised."""
    parts = [action["due_text"] or "–"]
    if action["due_date"] and day(action["due_date"]) != action["due_text"]:
        parts.append(f"({day(action['due_date'])})")
    original = action["original_due_text"] or day(action["original_due_date"])
    if original or action["original_due_date"]:
        parts.append(f"originally {original or 'no date'}")
    return " ".join(parts) if len(parts) < 3 else f"{parts[0]} {parts[1]}\n{parts[2]}"


def update_words(action: dict[str, Any]) -> str:
    latest = action["latest_update"]
    if not latest:
        return "–"
    return f"{day(latest['date'])}: {latest['text']}" if latest["date"] else latest["text"]
