"""The rejection report an analyst reads: terminal text, and a Markdown + JSON file pair.

Vietnamese first, the stable English key on every line (`[not_owner] dòng 7, cột "ma_chi_tieu": …`),
so people can read it and scripts can match on it. Each kind of problem is listed up to
`max_problems_per_kind` times and the rest counted, so a rejected million-row file gives a report of
kilobytes, not hundreds of megabytes. File names are shown with control characters escaped.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, replace
from pathlib import Path

from planwatch.ingest.errors import IngestError, SubmissionRejected, printable
from planwatch.ingest.limits import current_limits
from planwatch.ingest.model import Problem

# Characters kept in a report's file name; anything else (a newline, a slash, a quote) becomes "_".
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")
# One message or value is cut to this many characters (a message listing every duplicate row of a
# million-row file would otherwise be megabytes on its own).
MAX_TEXT_CHARS = 1000


def clip(text: str | None, limit: int = MAX_TEXT_CHARS) -> str | None:
    """`text` cut to `limit` characters, saying how long it was."""
    if text is None or len(text) <= limit:
        return text
    return f"{text[:limit]}… (cắt bớt, dài {len(text)} ký tự / truncated, {len(text)} chars)"


def _clipped(problem: Problem) -> Problem:
    return replace(
        problem,
        message_vi=clip(problem.message_vi),
        value=clip(problem.value),
        expected=clip(problem.expected),
        suggestion=clip(problem.suggestion),
    )


def _as_problem(item: Problem | IngestError) -> Problem:
    return item if isinstance(item, Problem) else error_to_problem(item)


def error_to_problem(error: IngestError) -> Problem:
    """Back from a typed error to a Problem (for reports); keeps key, location and advice."""
    return Problem(
        key=error.key,
        message_vi=error.detail or error.title_vi,
        file=error.file or "",
        row=error.row,
        column=error.column,
        value=None if error.value is None else str(error.value),
        expected=error.expected,
        suggestion=error.suggestion,
    )


def problems_of(rejection: SubmissionRejected) -> list[Problem]:
    """Every problem a rejection carries, as Problems."""
    return [error_to_problem(e) for e in rejection.problems]


def format_problem(problem: Problem, *, file: str | None = None) -> str:
    """One line: `[key] dòng R, cột "C": message (giá trị: …) (expected: …) (gợi ý: …)`."""
    where = []
    if problem.file and problem.file != file:
        where.append(f'tệp "{printable(problem.file)}"')
    if problem.row is not None:
        where.append(f"dòng {problem.row}")
    if problem.column:
        where.append(f'cột "{problem.column}"')
    line = f"[{problem.key}] "
    line += f"{', '.join(where)}: {problem.message_vi}" if where else problem.message_vi
    if problem.value is not None:
        line += f' (giá trị: "{printable(problem.value)}")'
    if problem.expected:
        line += f" (expected: {problem.expected})"
    if problem.suggestion:
        line += f" (gợi ý: {problem.suggestion})"
    return line


def shown_problems(
    items: Sequence[Problem], per_kind: int | None = None
) -> tuple[list[Problem], Counter[str]]:
    """The first `per_kind` problems of each key (in file order), and how many of each key were left out."""
    limit = current_limits().max_problems_per_kind if per_kind is None else per_kind
    seen: Counter[str] = Counter()
    shown: list[Problem] = []
    for p in items:
        seen[p.key] += 1
        if seen[p.key] <= limit:
            shown.append(_clipped(p))
    omitted = Counter({key: n - limit for key, n in seen.items() if n > limit})
    return shown, omitted


def _omitted_lines(omitted: Counter[str]) -> list[str]:
    return [
        f"… và {n} lỗi [{key}] khác không liệt kê (and {n} more [{key}] problems not listed)"
        for key, n in sorted(omitted.items())
    ]


def format_rejection(problems: Sequence[Problem | IngestError], *, file: str) -> str:
    """The terminal text for a rejected file: a headline, then the problems (capped per kind), one a line."""
    items = [_as_problem(p) for p in problems]
    shown, omitted = shown_problems(items)
    head = (
        f'Tệp "{printable(file)}" bị từ chối toàn bộ, không có dòng nào được nạp: {len(items)} lỗi '
        f"(submission rejected: {len(items)} problems, nothing loaded)."
    )
    lines = [head, *(f"  {format_problem(p, file=file)}" for p in shown)]
    lines += [f"  {line}" for line in _omitted_lines(omitted)]
    lines.append("Sửa các lỗi trên rồi nộp lại cả tệp (fix and resubmit the whole file).")
    return "\n".join(lines)


def report_base(folder: Path, stamp: str, file_name: str) -> Path:
    """A report path `folder/<stamp>-<safe name>` no other rejection uses (`-2`, `-3`… when taken).

    The name is reserved by creating the .json exclusively, so two rejections of files with the same
    name in the same second (or two processes at once) each keep their own report.
    """
    folder.mkdir(parents=True, exist_ok=True)
    stem = _UNSAFE_NAME.sub("_", Path(file_name).stem).strip("._")[:80] or "tep"
    for n in range(1, 10_000):
        base = folder / (f"{stamp}-{stem}" if n == 1 else f"{stamp}-{stem}-{n}")
        try:
            os.close(os.open(base.with_suffix(".json"), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
        except FileExistsError:
            continue
        return base
    raise FileExistsError(folder / f"{stamp}-{stem}")


def write_rejection_report(
    problems: Sequence[Problem | IngestError], path: Path, *, file: str | None = None
) -> tuple[Path, Path]:
    """Write `path` as Markdown (.md) and JSON (.json) for the analyst; returns both paths.

    Both list the first `max_problems_per_kind` problems of each key; the counts cover all of them.
    """
    items = [_as_problem(p) for p in problems]
    name = file or (items[0].file if items else "")
    md_path, json_path = path.with_suffix(".md"), path.with_suffix(".json")
    md_path.parent.mkdir(parents=True, exist_ok=True)
    counts = Counter(p.key for p in items)
    shown, omitted = shown_problems(items)
    json_path.write_text(
        json.dumps(
            {
                "file": name,
                "rejected": True,
                "problem_count": len(items),
                "counts_by_key": dict(sorted(counts.items())),
                "listed_per_key": current_limits().max_problems_per_kind,
                "omitted_by_key": dict(sorted(omitted.items())),
                "problems": [asdict(p) for p in shown],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    md_path.write_text(_markdown(shown, name, counts, omitted, total=len(items)), encoding="utf-8")
    return md_path, json_path


def _markdown(
    items: list[Problem], name: str, counts: Counter[str], omitted: Counter[str], *, total: int
) -> str:
    shown_name = _cell(printable(name))
    lines = [
        f"# Bản nộp bị từ chối: {shown_name}",
        "",
        f"Tệp **{shown_name}** bị từ chối toàn bộ, không có dòng nào được nạp: **{total} lỗi** "
        "(submission rejected, nothing loaded). Sửa các lỗi dưới đây rồi nộp lại cả tệp.",
        "",
        "## Tóm tắt (summary)",
        "",
        "| Khóa (key) | Số lỗi |",
        "|---|---:|",
        *(f"| `{key}` | {n} |" for key, n in sorted(counts.items())),
        "",
        "## Chi tiết (details)",
        "",
        "| Tệp | Dòng | Cột | Khóa (key) | Giá trị | Lỗi | Cần (expected) | Gợi ý (nearest) |",
        "|---|---:|---|---|---|---|---|---|",
    ]
    for p in items:
        cells = [
            printable(p.file),
            "" if p.row is None else str(p.row),
            p.column or "",
            f"`{p.key}`",
            printable(p.value or ""),
            p.message_vi,
            p.expected or "",
            p.suggestion or "",
        ]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if omitted:
        lines += ["", *(f"- {line}" for line in _omitted_lines(omitted))]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    # A pipe or a line break would split the Markdown table row.
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
