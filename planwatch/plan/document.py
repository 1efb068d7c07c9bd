"""Load the plan document and slice it into parts and table rows.

The document is markdown-ish text: each appendix is a tab-separated table whose header
row is repeated after every page break, sometimes with a row split across the break.
Every helper keeps 1-based document line numbers so extracted values can cite their source.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DOCUMENT_PATH: Path = (
    Path(__file__).resolve().parents[2] / "docs" / "plan" / "chuong-trinh-hanh-dong-2026-2030.txt"
)

# Where each named part starts: (part name, how its first line begins), in document order.
# A part ends where the next one starts (or at the end of the document).
PART_MARKERS: tuple[tuple[str, str], ...] = (
    ("IV", "## **IV. TỔ CHỨC THỰC HIỆN**"),
    ("PHỤ LỤC 1", "**PHỤ LỤC 1**"),
    ("PHỤ LỤC 2", "**PHỤ LỤC 2**"),
    ("PHỤ LỤC 3", "**PHỤ LỤC 3**"),
    ("PHỤ LỤC 4", "## Phụ lục 4"),
)

_HEADER_PREFIXES = ("STT\t", "TT\t", "<b>STT</b>")


class UnknownPartError(KeyError):
    """Raised when a part name is not one of PART_MARKERS."""


@dataclass(frozen=True)
class Part:
    """A named part of the document: its lines and the 1-based number of its first line."""

    name: str
    first_line: int
    lines: list[str]

    def line_no(self, index: int) -> int:
        """Document line number (1-based) of ``self.lines[index]``."""
        return self.first_line + index


@dataclass(frozen=True)
class TableRow:
    """One data row of a tab-separated table, with its document line number.

    ``after_page_break`` is true for the first data row after a repeated header: if its
    first cell is empty it usually continues the row printed before the break.
    """

    line_no: int
    cells: list[str]
    after_page_break: bool = False


def load_lines(path: Path | None = None) -> list[str]:
    """Return the document's lines (NFC-normalised, without line endings)."""
    return list(_load_lines_cached(str(path or DOCUMENT_PATH)))


@cache
def _load_lines_cached(path: str) -> tuple[str, ...]:
    text = Path(path).read_text(encoding="utf-8")
    # Split on "\n" only, so line numbers are those of grep/sed (splitlines() would also
    # break on form feeds and Unicode line separators).
    return tuple(unicodedata.normalize("NFC", text).replace("\r\n", "\n").split("\n"))


def part(name: str, lines: list[str] | None = None) -> Part:
    """Return the named part ("IV", "PHỤ LỤC 1" … "PHỤ LỤC 4") with its start line."""
    lines = load_lines() if lines is None else lines
    names = [n for n, _ in PART_MARKERS]
    if name not in names:
        raise UnknownPartError(f"unknown part {name!r}; expected one of {names}")
    starts = {n: _find_marker(lines, marker) for n, marker in PART_MARKERS}
    start = starts[name]
    later = [s for s in starts.values() if s > start]
    end = min(later) if later else len(lines)
    return Part(name=name, first_line=start + 1, lines=list(lines[start:end]))


def part_lines(name: str, lines: list[str] | None = None) -> list[str]:
    """Return the lines of the named part (see ``part``)."""
    return part(name, lines).lines


def _find_marker(lines: list[str], marker: str) -> int:
    for index, line in enumerate(lines):
        if line.startswith(marker):
            return index
    raise UnknownPartError(f"marker {marker!r} not found in the document")


def is_header_row(line: str) -> bool:
    """True for a table header line (repeated after every page break)."""
    return line.startswith(_HEADER_PREFIXES)


def _is_header_continuation(cells: list[str]) -> bool:
    # The second header line of a two-line header ("Đến năm 2030", "Cơ quan chủ trì"…):
    # first two cells empty, every other cell a capitalised label or a year. A data row
    # continued across a page break starts lowercase or with markup, so it is kept.
    if len(cells) < 3 or cells[0].strip() or cells[1].strip():
        return False
    filled = [c.strip() for c in cells if c.strip()]
    return bool(filled) and all(c[0].isupper() or c[0].isdigit() for c in filled)


def table_rows_numbered(lines: list[str], first_line: int = 1) -> list[TableRow]:
    """Split tab-separated lines into rows, dropping the repeated headers.

    ``first_line`` is the document line number of ``lines[0]``; lines without a tab
    (titles, blank lines, separators) are skipped.
    """
    rows: list[TableRow] = []
    previous_was_header = False
    after_break = False
    for index, line in enumerate(lines):
        if "\t" not in line:
            continue
        if is_header_row(line):
            previous_was_header = True
            after_break = True
            continue
        cells = line.split("\t")
        if previous_was_header and _is_header_continuation(cells):
            previous_was_header = False
            continue
        previous_was_header = False
        rows.append(TableRow(first_line + index, cells, after_break and bool(rows)))
        after_break = False
    return rows


def table_rows(lines: list[str]) -> list[list[str]]:
    """Split tab-separated lines into lists of cells, dropping the repeated header rows."""
    return [row.cells for row in table_rows_numbered(lines)]


def part_table(name: str, merge_page_breaks: bool = False) -> list[TableRow]:
    """Return the table rows of a named part, with document line numbers.

    With ``merge_page_breaks``, a row whose first cell is empty right after a page break
    is appended cell by cell to the row before it (it is the rest of that row).
    """
    p = part(name)
    rows = table_rows_numbered(p.lines, p.first_line)
    return merge_page_break_rows(rows) if merge_page_breaks else rows


def merge_page_break_rows(rows: list[TableRow]) -> list[TableRow]:
    """Join each page-break continuation row (empty first cell) onto the preceding row."""
    merged: list[TableRow] = []
    for row in rows:
        if row.after_page_break and not row.cells[0].strip() and merged:
            prev = merged[-1]
            width = max(len(prev.cells), len(row.cells))
            a = prev.cells + [""] * (width - len(prev.cells))
            b = row.cells + [""] * (width - len(row.cells))
            cells = [_join(x, y) for x, y in zip(a, b, strict=True)]
            merged[-1] = TableRow(prev.line_no, cells, prev.after_page_break)
        else:
            merged.append(row)
    return merged


def _join(left: str, right: str) -> str:
    if not right.strip():
        return left
    if not left.strip():
        return right
    return f"{left.rstrip()} {right.lstrip()}"


_LATEX = re.compile(r"\$\s*(.*?)\s*\$")
_LATEX_SYMBOLS = {
    r"\geq": "≥",
    r"\ge": "≥",
    r"\leq": "≤",
    r"\le": "≤",
    r"\times": "×",
    r"\%": "%",
    r"\pm": "±",
}
_TAG = re.compile(r"</?(?:b|i|u|p|em|strong|span|ul|ol|li|br)\b[^>]*>", re.IGNORECASE)
_BREAK_TAG = re.compile(r"</?(?:p|li|br|ul|ol)\b[^>]*>", re.IGNORECASE)


def _latex_to_text(match: re.Match[str]) -> str:
    body = match.group(1)
    for command, symbol in sorted(_LATEX_SYMBOLS.items(), key=lambda kv: -len(kv[0])):
        body = body.replace(command, symbol)
    return re.sub(r"\s+", "", body.replace("{", "").replace("}", ""))


def strip_markup(text: str, keep_breaks: bool = False) -> str:
    """Remove HTML tags, ``**``/``*`` emphasis and ``$\\geq 1$``-style LaTeX (→ ``≥1``).

    With ``keep_breaks``, paragraph and list-item tags become newlines (useful for
    splitting cells that hold lists); otherwise whitespace is collapsed to single spaces.
    """
    text = _LATEX.sub(_latex_to_text, text)
    if keep_breaks:
        text = _BREAK_TAG.sub("\n", text)
    text = _TAG.sub(" ", text)
    text = text.replace("**", "").replace("***", "")
    text = re.sub(r"(?<!\w)\*|\*(?!\w)", "", text)
    if keep_breaks:
        lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in text.split("\n")]
        return "\n".join(ln for ln in lines if ln)
    return re.sub(r"\s+", " ", text).strip()
