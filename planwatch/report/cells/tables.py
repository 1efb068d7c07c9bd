"""Markdown tables from query rows: the document chooses the columns, their headers and formatters."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from planwatch.report.cells.vn import num

Column = tuple[str, str] | tuple[str, str, Callable[[Any], str]]
# A cross-reference label as Quarto reads one: a type prefix, then letters, digits and hyphens.
LABEL = re.compile(r"(tbl|fig)-[a-z0-9]+(-[a-z0-9]+)*")


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, int | float):
        return num(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _escape(text: str) -> str:
    # A pipe ends a cell and a newline ends the row in a pipe table.
    return text.replace("|", "\\|").replace("\n", " ").strip() or " "


def table(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[Column],
    *,
    caption: str | None = None,
    label: str | None = None,
    empty: str = "Không có dòng nào (none).",
    align: str | None = None,
    widths: Sequence[int] | None = None,
) -> str:
    """A pandoc pipe table: each column is (key, header) or (key, header, formatter); numbers right-aligned.

    `align` is one letter per column (l, r, c) when the default (numbers right, text left) is not wanted.
    `widths` are relative column widths: pandoc reads them from the separator's dashes once a row is
    longer than 72 characters (otherwise every column would get the same width).
    `label` ("tbl-…") is required with a caption: Quarto's Typst writer drops the caption of a table without
    one (quarto-dev/quarto-cli#11733), and with it both renderers number the table "Bảng N".
    """
    if caption and not (label and LABEL.fullmatch(label) and label.startswith("tbl-")):
        raise ValueError(f"a table with a caption needs a label like 'tbl-status' (got {label!r}): {caption}")
    if not rows:
        return f"\n_{empty}_\n"
    headers = [c[1] for c in columns]
    body = []
    for row in rows:
        cells = []
        for c in columns:
            value = row[c[0]]
            cells.append(_escape(c[2](value) if len(c) == 3 else _cell(value)))
        body.append(cells)
    if align is None:
        first = rows[0]
        align = "".join(
            "r" if isinstance(first[c[0]], int | float) and not isinstance(first[c[0]], bool) else "l"
            for c in columns
        )
    dashes = [max(3, w) for w in widths] if widths else [3] * len(columns)
    rule = {"l": ":{}", "r": "{}:", "c": ":{}:"}
    lines = [
        "| " + " | ".join(_escape(h) for h in headers) + " |",
        "|" + "|".join(rule[a].format("-" * d) for a, d in zip(align, dashes, strict=True)) + "|",
    ]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    out = "\n" + "\n".join(lines) + "\n"
    if caption:
        out += f"\n: {caption} {{#{label}}}\n"
    return out + "\n"


def label_for(prefix: str, text: str) -> str:
    """A label from an indicator code or a name: label_for("fig", "II.1.a") → "fig-ii-1-a"."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return f"{prefix}-{slug}"
