"""Excel workbook of the coded project: one sheet of interviews, one row per coded segment."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from jtbd_kit.atomic import atomic_path
from jtbd_kit.exports.rows import coded_interviews

SEGMENT_COLUMNS = ["participant", "language", "start", "end", "stage", "forces", "emotion", "touchpoints",
                   "pains", "confidence", "origin", "text"]


def append_text(ws, values: list) -> None:
    """Append a row whose strings are text, never formulas: a transcript's `=HYPERLINK(...)` stays words.

    openpyxl takes any string starting with `=` as a formula; the stored text is left unchanged.
    """
    ws.append(values)
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            ws.cell(row=ws.max_row, column=column).data_type = "s"


def write_xlsx(db: sqlite_utils.Database, out: Path) -> Path:
    """Write Interviews and Segments sheets (filterable, header frozen), atomically.

    Rows come from coded_interviews, so characters Excel's XML cannot hold are already U+FFFD.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    sheet = wb.active
    sheet.title = "Interviews"
    sheet.append(["participant", "language", "product", "date", "source", "segments"])
    seg_sheet = wb.create_sheet("Segments")
    seg_sheet.append(SEGMENT_COLUMNS)
    for interview in coded_interviews(db):
        append_text(sheet, [interview["participant"], interview["language"], interview["product"],
                            interview["date"], interview["source"], len(interview["segments"])])
        for s in interview["segments"]:
            append_text(seg_sheet, [interview["participant"], interview["language"], s["start"], s["end"],
                                    s["stage"], ", ".join(s["forces"]), s["emotion"],
                                    ", ".join(map(str, s["touchpoints"])), ", ".join(map(str, s["pains"])),
                                    s["confidence"], s["origin"], s["text"]])
    for ws in (sheet, seg_sheet):
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        for cell in ws[1]:
            cell.font = Font(bold=True)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out
