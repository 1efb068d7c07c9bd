"""The agency catalogue: resolve the plan's free-text agency cells to agency codes.

Cells name one or several agencies, separated by ``;``, ``,``, line breaks, ``- `` bullets,
"và" — or by nothing at all ("Ban Tổ chức Thành uỷ Sở Nội vụ"). Instead of splitting
first (which breaks names holding a comma, "Sở Văn hóa, Thể thao và Du lịch"), the resolver
scans the cell left to right and takes the longest known alias at each position;
whatever text no alias covers is reported as unmatched, never guessed.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from planwatch.plan.document import load_lines, part, part_table, strip_markup

SEEDS_DIR: Path = Path(__file__).resolve().parents[2] / "seeds"
AGENCIES_CSV: Path = SEEDS_DIR / "plan_agencies.csv"
ALIASES_CSV: Path = SEEDS_DIR / "plan_agency_aliases.csv"

# Text between agencies that names none: connectors and list labels.
_SKIP_WORDS = ("và",)
_SKIP_LABELS = ("cơ quan chủ trì:", "cơ quan phối hợp:", "các sở:")
_SEPARATORS = set(" \t\n;,.:-–—/")


@dataclass(frozen=True)
class Agency:
    """One row of ``seeds/plan_agencies.csv``."""

    agency_code: str
    name_vi: str
    short_name_vi: str
    kind: str
    is_statistics_office: bool
    note_vi: str


@dataclass(frozen=True)
class Alias:
    """One row of ``seeds/plan_agency_aliases.csv``: a spelling found in the document."""

    alias_text: str
    agency_code: str
    first_seen: str


@dataclass
class AgencyResolution:
    """Agency codes found in a cell (in order, deduplicated) and the fragments left over."""

    codes: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)
    # Exact document spelling of every match, as (text, code), in order.
    spans: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class AgencyCell:
    """A cell of the document that names agencies, and where it is."""

    part: str
    line_no: int
    column: str
    text: str


def load_agencies(path: Path = AGENCIES_CSV) -> list[Agency]:
    """Read the agency catalogue."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Agency(
                agency_code=row["agency_code"],
                name_vi=row["name_vi"],
                short_name_vi=row["short_name_vi"],
                kind=row["kind"],
                is_statistics_office=row["is_statistics_office"].strip().lower() == "true",
                note_vi=row["note_vi"],
            )
            for row in csv.DictReader(handle)
        ]


def load_aliases(path: Path = ALIASES_CSV) -> list[Alias]:
    """Read every document spelling of an agency and the code it maps to."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Alias(row["alias_text"], row["agency_code"], row["first_seen"]) for row in csv.DictReader(handle)
        ]


def match_key(text: str) -> str:
    """Fold text for matching: NFC, no diacritics ("uỷ" == "ủy" == "uy"), lower case.

    The result has exactly one character per character of the NFC input, so positions in
    the key are positions in the (NFC) original.
    """
    return "".join(_fold_char(c) for c in unicodedata.normalize("NFC", text))


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    if char.isspace():
        return " "
    base = unicodedata.normalize("NFD", char)[0]
    return base.lower() if len(base.lower()) == 1 else char


def _alias_pattern(alias: str) -> re.Pattern[str]:
    # Words may be separated by spaces or a comma, so "Sở Văn hoá Thể thao" and
    # "Sở Văn hóa, Thể thao" both match either spelling.
    words = [w for w in re.split(r"[\s,]+", match_key(alias)) if w]
    body = r"(?:\s*,\s*|\s+)".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){body}(?!\w)")


@cache
def _matcher(aliases_path: str) -> dict[str, list[tuple[re.Pattern[str], str]]]:
    """Alias patterns indexed by their first folded word, longest alias first."""
    index: dict[str, list[tuple[int, re.Pattern[str], str]]] = {}
    for alias in load_aliases(Path(aliases_path)):
        first = re.split(r"[\s,]+", match_key(alias.alias_text).strip())[0]
        index.setdefault(first, []).append(
            (len(alias.alias_text), _alias_pattern(alias.alias_text), alias.agency_code)
        )
    return {
        word: [(pattern, code) for _, pattern, code in sorted(entries, key=lambda e: -e[0])]
        for word, entries in index.items()
    }


def _clean_cell(text: str) -> str:
    # Tags become line breaks (they separate list items); the result stays NFC.
    return unicodedata.normalize("NFC", strip_markup(text, keep_breaks=True))


def resolve_agencies(text: str, aliases_path: Path = ALIASES_CSV) -> AgencyResolution:
    """Map an agency cell to agency codes (in order, deduplicated) and unmatched fragments."""
    matcher = _matcher(str(aliases_path))
    original = _clean_cell(text)
    key = match_key(original)
    result = AgencyResolution()
    fragment_start: int | None = None
    pos = 0

    def flush(end: int) -> None:
        nonlocal fragment_start
        if fragment_start is not None:
            fragment = original[fragment_start:end].strip(" \t\n;,.:-–—/")
            if fragment:
                result.unmatched.append(fragment)
            fragment_start = None

    while pos < len(key):
        char = key[pos]
        if char in _SEPARATORS or char in "()":
            if char in ";\n" or (char == "," and fragment_start is not None):
                flush(pos)
            pos += 1
            continue
        skip = _skip_length(key, pos)
        if skip and fragment_start is None:
            pos += skip
            continue
        word = re.match(r"[^\s,;]+", key[pos:])
        first_word = word.group(0) if word else char
        found = None
        for pattern, code in matcher.get(first_word.rstrip(".:;"), []):
            m = pattern.match(key, pos)
            if m and (found is None or m.end() > found[0].end()):
                found = (m, code)
        if found is not None:
            flush(pos)
            m, code = found
            result.spans.append((original[m.start() : m.end()], code))
            if code not in result.codes:
                result.codes.append(code)
            pos = m.end()
            continue
        if fragment_start is None:
            fragment_start = pos
        pos += len(first_word)
    flush(len(key))
    return result


def _skip_length(key: str, pos: int) -> int:
    for label in _SKIP_LABELS:
        folded = match_key(label)
        if key.startswith(folded, pos):
            return len(folded)
    for word in _SKIP_WORDS:
        folded = match_key(word)
        if key.startswith(folded, pos) and (
            pos + len(folded) == len(key) or not key[pos + len(folded)].isalnum()
        ):
            return len(folded)
    return 0


_IV_BULLET_SUBJECT = re.compile(r"^- ((?:Ban|Ủy ban|Văn phòng) .+?) (?:căn cứ|tham mưu|chủ trì)\b")
_IV_HEADING = re.compile(r"^#{2,3} \*\*\d+\. (.+?)\*\*\s*$")


def document_agency_cells() -> list[AgencyCell]:
    """Every cell of the document that names agencies (PHỤ LỤC 1–3 and section IV).

    Rows split across a page break are joined first, so a name cut by the break
    ("Sở Khoa học và Công" / "nghe") is read whole.
    """
    cells: list[AgencyCell] = []
    columns = {
        "PHỤ LỤC 1": {5: "Đơn vị chủ trì"},
        "PHỤ LỤC 2": {3: "Cơ quan chủ trì", 4: "Cơ quan phối hợp"},
        "PHỤ LỤC 3": {3: "Đơn vị chủ trì"},
    }
    for part_name, wanted in columns.items():
        for row in part_table(part_name, merge_page_breaks=True):
            for index, column in wanted.items():
                if index < len(row.cells) and strip_markup(row.cells[index]):
                    cells.append(AgencyCell(part_name, row.line_no, column, row.cells[index]))
    section = part("IV", load_lines())
    for offset, line in enumerate(section.lines):
        heading = _IV_HEADING.match(line)
        bullet = _IV_BULLET_SUBJECT.match(line)
        if heading:
            cells.append(AgencyCell("IV", section.line_no(offset), "tiêu đề", heading.group(1)))
        elif bullet:
            cells.append(AgencyCell("IV", section.line_no(offset), "chủ thể", bullet.group(1)))
    return cells
