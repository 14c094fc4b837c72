"""The rules (lines) and shaded boxes drawn on a PDF page, read through pdfium.

Rules become pdfplumber "edges" for its table finder; renderers draw each
cell's border separately, so rules on one line are merged first, and a table
left open by a page break is closed where its column rules end.
"""

from __future__ import annotations

import ctypes
from typing import Any

TOLERANCE = 3.0  # points: rules this close are one rule (pdfplumber's default)
# Finding tables costs more than (horizontal × vertical rules) squared; a page
# whose rules cross more often than any real table's (a crafted page, a vector
# drawing) is read as text only. A 60-column, 60-row grid crosses 3,600 times.
MAX_CROSSINGS_PER_PAGE = 5000
# Reading each drawn path costs a few calls into pdfium; a page drawn with more
# paths than this is a drawing, not a plan, and its paths are not read.
MAX_PATHS_PER_PAGE = 20_000
_THIN = 2.5  # points: a filled rectangle thinner than this is a rule

Box = tuple[float, float, float, float, str]


def page_rules(page: Any, left: float, top: float) -> tuple[list[dict], list[Box]]:
    """Return the page's drawn rules as pdfplumber edges, and its filled boxes with their colours.

    Rules are stroked lines and boxes, and thin filled rectangles (Word draws
    borders that way). A wider filled rectangle is cell shading, not a rule:
    taking its sides for rules would make a table out of a shaded header row
    or a column of RAG colours. Shading is returned as (x0, top, x1, bottom,
    "RRGGBB"), as it may be an action's RAG status.
    """
    import pypdfium2.raw as pdfium_c

    edges: list[dict] = []
    boxes: list[Box] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    red, green, blue, alpha = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
    if pdfium_c.FPDFPage_CountObjects(page.raw) > MAX_PATHS_PER_PAGE:
        return edges, boxes
    # Top-level objects only: nested form objects report points in their own space.
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=0):
        pdfium_c.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
        if not fill.value and not stroke.value:
            continue
        colour = None
        if fill.value and pdfium_c.FPDFPageObj_GetFillColor(obj.raw, red, green, blue, alpha):
            colour = f"{red.value:02X}{green.value:02X}{blue.value:02X}"
        for points in _subpaths(obj, left, top):
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            thin = min(max(xs) - min(xs), max(ys) - min(ys)) < _THIN
            if stroke.value or thin:
                for p, q in zip(points, points[1:], strict=False):
                    _add_edge(edges, p, q)
            elif colour and len(points) >= 4:
                boxes.append((min(xs), min(ys), max(xs), max(ys), colour))
    return edges, boxes


def _subpaths(obj: Any, left: float, top: float) -> list[list[tuple[float, float]]]:
    """Return the path's straight subpaths as page-coordinate point lists (a closed one ends at its start)."""
    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = obj.get_matrix().get()
    subpaths: list[list[tuple[float, float]]] = []
    points: list[tuple[float, float]] = []
    for index in range(pdfium_c.FPDFPath_CountSegments(obj.raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj.raw, index)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            points = []  # curves are not table rules
            continue
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e - left, top - (b * x.value + d * y.value + f))
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not points:
            points = [point]
            subpaths.append(points)
        else:
            points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and len(points) > 1:
            points.append(points[0])
    return [points for points in subpaths if len(points) > 1]


def _add_edge(edges: list[dict], p: tuple[float, float], q: tuple[float, float]) -> None:
    (x0, y0), (x1, y1) = sorted((p, q))
    if abs(y1 - y0) < 1 and abs(x1 - x0) >= 1:
        top = min(y0, y1)
        edges.append(edge("h", x0, x1, top, top))
    elif abs(x1 - x0) < 1 and abs(y1 - y0) >= 1:
        edges.append(edge("v", x0, x0, min(y0, y1), max(y0, y1)))


def edge(orientation: str, x0: float, x1: float, top: float, bottom: float) -> dict:
    """Return a rule as pdfplumber's table finder takes it."""
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def too_many_rules(edges: list[dict]) -> bool:
    """Say whether the page's rules cross too often to look for tables among them."""
    horizontal = sum(1 for rule in edges if rule["orientation"] == "h")
    return horizontal * (len(edges) - horizontal) > MAX_CROSSINGS_PER_PAGE


def _merge_rules(edges: list[dict]) -> list[dict]:
    """Snap rules on (nearly) the same line together and join the ones that touch.

    Renderers draw each cell's border separately, so a page holds many short
    overlapping rules; merging them first keeps the table finder's work small.
    """
    merged: list[dict] = []
    for orientation, position, start, end in (("h", "top", "x0", "x1"), ("v", "x0", "top", "bottom")):
        segments = sorted((e[position], e[start], e[end]) for e in edges if e["orientation"] == orientation)
        groups: list[list[tuple[float, float, float]]] = []
        for segment in segments:
            if groups and segment[0] - groups[-1][0][0] <= TOLERANCE:
                groups[-1].append(segment)
            else:
                groups.append([segment])
        for group in groups:
            at = sum(segment[0] for segment in group) / len(group)
            spans = sorted((segment[1], segment[2]) for segment in group)
            low, high = spans[0]
            for a, b in [*spans[1:], (float("inf"), float("inf"))]:
                if a <= high + TOLERANCE:
                    high = max(high, b)
                    continue
                if orientation == "h":
                    merged.append(edge("h", low, high, at, at))
                else:
                    merged.append(edge("v", at, at, low, high))
                low, high = a, b
    return merged


def close_open_tables(edges: list[dict]) -> list[dict]:
    """Add a rule where column rules end with no rule across some of them.

    A table cut by a page break is often printed without a rule under its
    last row (or over the first row on the next page); without one, the
    finder would drop that row. The added rule runs across every column rule
    ending there, so it also closes a merged cell beside a ruled one.
    """
    merged = _merge_rules(edges)
    if too_many_rules(merged):
        return merged
    horizontal = [rule for rule in merged if rule["orientation"] == "h"]
    ends: list[tuple[float, float, bool]] = []  # (y, x, crossed by a rule)
    for rule in merged:
        if rule["orientation"] != "v":
            continue
        for y in (rule["top"], rule["bottom"]):
            crossed = any(
                abs(h["top"] - y) <= TOLERANCE and h["x0"] - TOLERANCE <= rule["x0"] <= h["x1"] + TOLERANCE
                for h in horizontal
            )
            ends.append((y, rule["x0"], crossed))
    ends.sort()
    added = []
    group: list[tuple[float, float, bool]] = []
    for end in [*ends, None]:
        if end is not None and (not group or end[0] - group[0][0] <= TOLERANCE):
            group.append(end)
            continue
        if len(group) >= 2 and not all(crossed for _, _, crossed in group):
            y = group[0][0]
            added.append(edge("h", min(x for _, x, _ in group), max(x for _, x, _ in group), y, y))
        group = [end] if end is not None else []
    return merged + added
