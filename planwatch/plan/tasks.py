"""Extract the task register of PHỤ LỤC 2 and write ``seeds/plan_tasks.csv`` and
``seeds/plan_task_milestones.csv`` (``python -m planwatch.plan.tasks``).

Task codes: the section's code, then the task's number. Sections are the Roman headings
(``I``, ``III`` …) or, where a heading has numbered sub-sections, the sub-section written
under its heading (``II.2.1``, ``VII.7.2``, ``XII.12.7``); numbering restarts in each, so
task (3) of 2.1 is ``II.2.1.3`` and task (1) of I is ``I.1``. The document's own numbers
are kept, gaps included (7.2 goes (8), (10)).

Rows with an empty TT cell continue the task above: a cell split by a page break, or a
second part of a merged cell (VIII (8), line 901); their cells are joined with one space.
The lettered sub-items i.–vi. of VII 7.1 (6) are not numbered tasks: each becomes one or
more milestones of ``VII.7.1.6`` carrying its own lead agency.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from planwatch.plan.agencies import resolve_agencies
from planwatch.plan.deadlines import Deadline, Milestone, parse_deadline
from planwatch.plan.document import TableRow, part, strip_markup, table_rows_numbered

SEEDS_DIR: Path = Path(__file__).resolve().parents[2] / "seeds"
TASKS_CSV = "plan_tasks.csv"
MILESTONES_CSV = "plan_task_milestones.csv"

TASK_COLUMNS: tuple[str, ...] = (
    "task_code",
    "section_code",
    "section_title_vi",
    "number_in_section",
    "task_text_vi",
    "deadline_text_vi",
    "deadline_kind",
    "start_date",
    "due_date",
    "recurrence",
    "recurrence_rule",
    "already_completed",
    "deadline_parse_note",
    "lead_agency_text",
    "lead_agency_codes",
    "support_agency_text",
    "support_agency_codes",
    "deliverable_vi",
    "note_vi",
    "is_new_task",
    "doc_line",
    "doc_lines",
)
MILESTONE_COLUMNS: tuple[str, ...] = (
    "task_code",
    "milestone_no",
    "description_vi",
    "start_date",
    "due_date",
    "already_completed",
    "recurrence",
    "sub_item_vi",
    "lead_agency_text",
    "lead_agency_codes",
    "doc_line",
)

_TASK_NO = re.compile(r"^\((\d+)\)$")
_SUB_ITEM = re.compile(r"^([ivx]+)\.$")
_ROMAN_HEAD = re.compile(r"^([IVX]+)-$")
_SUB_HEAD = re.compile(r"^(\d+)\.(\d+)\.$")
_NEW_TASK = re.compile(r"nội dung mới|nhiệm vụ mới", re.IGNORECASE)
# Column order of the PHỤ LỤC 2 table.
_TT, _TASK, _DEADLINE, _LEAD, _SUPPORT, _DELIVERABLE, _NOTE = range(7)


class TaskRegisterError(ValueError):
    """Raised when PHỤ LỤC 2 does not have the shape this extractor reads."""


@dataclass
class _RawTask:
    section_code: str
    section_title: str
    label: str
    cells: list[str]
    line_no: int
    lines: list[int] = field(default_factory=list)
    sub_items: list[_RawTask] = field(default_factory=list)


@dataclass(frozen=True)
class Task:
    """One numbered task of PHỤ LỤC 2 with its parsed deadline."""

    task_code: str
    section_code: str
    section_title_vi: str
    number_in_section: int
    task_text_vi: str
    deadline_text_vi: str
    deadline: Deadline
    lead_agency_text: str
    lead_agency_codes: tuple[str, ...]
    support_agency_text: str
    support_agency_codes: tuple[str, ...]
    deliverable_vi: str
    note_vi: str
    is_new_task: bool
    doc_line: int
    doc_lines: tuple[int, ...]
    sub_items: tuple[SubItem, ...] = ()


@dataclass(frozen=True)
class SubItem:
    """A lettered sub-item (i., ii. …) of a task, with its own deadline and lead agency."""

    label: str
    text_vi: str
    deadline_text_vi: str
    deadline: Deadline
    lead_agency_text: str
    lead_agency_codes: tuple[str, ...]
    doc_line: int


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _join(left: str, right: str) -> str:
    if not right.strip():
        return left
    if not left.strip():
        return right
    return f"{left.rstrip()} {right.lstrip()}"


def _plain(text: str) -> str:
    return strip_markup(text)


def _raw_tasks(rows: list[TableRow]) -> list[_RawTask]:
    """Walk the table rows: headings set the section, (n) opens a task, empty TT continues."""
    tasks: list[_RawTask] = []
    roman = ""
    section_code = section_title = ""
    current: _RawTask | None = None
    for row in rows:
        cells = row.cells + [""] * (7 - len(row.cells))
        tt = _plain(cells[_TT])
        if m := _ROMAN_HEAD.match(tt):
            roman = m.group(1)
            section_code, section_title = roman, _plain(cells[_TASK])
            current = None
        elif m := _SUB_HEAD.match(tt):
            section_code = f"{roman}.{m.group(1)}.{m.group(2)}"
            section_title = _plain(cells[_TASK])
            current = None
        elif _TASK_NO.match(tt):
            current = _RawTask(section_code, section_title, tt, list(cells), row.line_no, [row.line_no])
            tasks.append(current)
        elif _SUB_ITEM.match(tt):
            if not tasks:
                raise TaskRegisterError(f"line {row.line_no}: sub-item {tt} before any task")
            current = _RawTask(section_code, section_title, tt, list(cells), row.line_no, [row.line_no])
            tasks[-1].sub_items.append(current)
        elif not tt:
            if current is None:
                raise TaskRegisterError(f"line {row.line_no}: continuation row without a task")
            current.cells = [_join(a, b) for a, b in zip(current.cells, cells, strict=False)]
            current.lines.append(row.line_no)
        else:
            raise TaskRegisterError(f"line {row.line_no}: unexpected TT cell {tt!r}")
    return tasks


def _agencies(text: str) -> tuple[str, ...]:
    return tuple(resolve_agencies(_plain(text)).codes) if text.strip() else ()


def extract_tasks() -> list[Task]:
    """Every numbered task of PHỤ LỤC 2, in document order."""
    p2 = part("PHỤ LỤC 2")
    tasks: list[Task] = []
    for raw in _raw_tasks(table_rows_numbered(p2.lines, p2.first_line)):
        number = int(_TASK_NO.match(raw.label).group(1))
        c = raw.cells
        subs = tuple(
            SubItem(
                label=s.label.rstrip("."),
                text_vi=_plain(s.cells[_TASK]),
                deadline_text_vi=s.cells[_DEADLINE],
                deadline=parse_deadline(s.cells[_DEADLINE]),
                lead_agency_text=_plain(s.cells[_LEAD]),
                lead_agency_codes=_agencies(s.cells[_LEAD]),
                doc_line=s.line_no,
            )
            for s in raw.sub_items
        )
        tasks.append(
            Task(
                task_code=f"{raw.section_code}.{number}",
                section_code=raw.section_code,
                section_title_vi=raw.section_title,
                number_in_section=number,
                task_text_vi=_plain(c[_TASK]),
                deadline_text_vi=c[_DEADLINE],
                deadline=parse_deadline(c[_DEADLINE]),
                lead_agency_text=_plain(c[_LEAD]),
                lead_agency_codes=_agencies(c[_LEAD]),
                support_agency_text=_plain(c[_SUPPORT]),
                support_agency_codes=_agencies(c[_SUPPORT]),
                deliverable_vi=_plain(c[_DELIVERABLE]),
                note_vi=_plain(c[_NOTE]),
                is_new_task=bool(_NEW_TASK.search(c[_NOTE])),
                doc_line=raw.line_no,
                doc_lines=tuple(raw.lines),
                sub_items=subs,
            )
        )
    return tasks


def deadline_texts() -> list[str]:
    """Every deadline cell of PHỤ LỤC 2 (tasks and sub-items), verbatim, in document order."""
    texts: list[str] = []
    for task in extract_tasks():
        texts.append(task.deadline_text_vi)
        texts.extend(s.deadline_text_vi for s in task.sub_items)
    return texts


def _iso(value: object) -> str:
    return value.isoformat() if value is not None else ""


def _bool(value: bool) -> str:
    return "true" if value else "false"


def task_rows(tasks: list[Task]) -> list[dict[str, str]]:
    """Rows of ``plan_tasks.csv``."""
    rows = []
    for t in tasks:
        d = t.deadline
        note = d.parse_note
        if t.sub_items:
            extra = (
                f"{len(t.sub_items)} sub-items ({', '.join(s.label for s in t.sub_items)}) "
                "with their own deadlines and lead agencies are milestones"
            )
            note = f"{note}; {extra}" if note else extra
        if len(t.doc_lines) > 1:
            joined = f"cells continued on line(s) {', '.join(map(str, t.doc_lines[1:]))}"
            note = f"{note}; {joined}" if note else joined
        rows.append(
            {
                "task_code": t.task_code,
                "section_code": t.section_code,
                "section_title_vi": t.section_title_vi,
                "number_in_section": str(t.number_in_section),
                "task_text_vi": t.task_text_vi,
                "deadline_text_vi": t.deadline_text_vi,
                "deadline_kind": d.kind,
                "start_date": _iso(d.start),
                "due_date": _iso(d.due),
                "recurrence": d.recurrence,
                "recurrence_rule": d.recurrence_rule,
                "already_completed": _bool(d.already_completed),
                "deadline_parse_note": note,
                "lead_agency_text": t.lead_agency_text,
                "lead_agency_codes": ";".join(t.lead_agency_codes),
                "support_agency_text": t.support_agency_text,
                "support_agency_codes": ";".join(t.support_agency_codes),
                "deliverable_vi": t.deliverable_vi,
                "note_vi": t.note_vi,
                "is_new_task": _bool(t.is_new_task),
                "doc_line": str(t.doc_line),
                "doc_lines": ";".join(map(str, t.doc_lines)),
            }
        )
    return rows


def _milestone_row(task_code: str, no: int, m: Milestone, **extra: str) -> dict[str, str]:
    row = {
        "task_code": task_code,
        "milestone_no": str(no),
        "description_vi": m.description,
        "start_date": _iso(m.start),
        "due_date": _iso(m.due),
        "already_completed": _bool(m.already_completed),
        "recurrence": m.recurrence,
        "sub_item_vi": "",
        "lead_agency_text": "",
        "lead_agency_codes": "",
        "doc_line": "",
    }
    row.update(extra)
    return row


def _as_milestones(d: Deadline) -> tuple[Milestone, ...]:
    """A sub-item's steps: its milestones, or its whole deadline as one step."""
    if d.milestones:
        return d.milestones
    text = strip_markup(d.text).lstrip("-– ").rstrip(".; ")
    return (Milestone(text, d.due, d.start, d.already_completed, d.recurrence),)


def milestone_rows(tasks: list[Task]) -> list[dict[str, str]]:
    """Rows of ``plan_task_milestones.csv``: the steps of each deadline, then of its sub-items."""
    rows = []
    for t in tasks:
        no = 0
        for m in t.deadline.milestones:
            no += 1
            rows.append(_milestone_row(t.task_code, no, m, doc_line=str(t.doc_line)))
        for s in t.sub_items:
            for m in _as_milestones(s.deadline):
                no += 1
                rows.append(
                    _milestone_row(
                        t.task_code,
                        no,
                        m,
                        sub_item_vi=f"{s.label}. {s.text_vi}",
                        lead_agency_text=s.lead_agency_text,
                        lead_agency_codes=";".join(s.lead_agency_codes),
                        doc_line=str(s.doc_line),
                    )
                )
    return rows


def render_csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> str:
    """CSV text with a header, UTF-8, ``\\n`` line ends (what the seeds hold)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def render_seeds() -> dict[str, str]:
    """File name → CSV text of both seeds, from the document."""
    tasks = extract_tasks()
    return {
        TASKS_CSV: render_csv(TASK_COLUMNS, task_rows(tasks)),
        MILESTONES_CSV: render_csv(MILESTONE_COLUMNS, milestone_rows(tasks)),
    }


def write_seeds(directory: Path = SEEDS_DIR) -> list[Path]:
    """Regenerate both seed CSVs in ``directory``; return the paths written."""
    written = []
    for name, text in render_seeds().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    """Entry point of ``python -m planwatch.plan.tasks``."""
    for path in write_seeds():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
